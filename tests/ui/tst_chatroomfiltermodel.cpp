#include "tests/ui/chatroomstream.h"
#include "ui/chatroomlist/chatroomfiltermodel.h"
#include "ui/chatroomlist/chatroomlistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace handover;
using namespace Qt::StringLiterals;

namespace {

using Tester = QAbstractItemModelTester;

QStringList rowIds(const QAbstractItemModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.index(row, 0).data(ChatroomIdRole).toString());
    return ids;
}

QStringList matching(const ChatroomStream &stream, const QStringList &ids, const ChatroomFilter &filter)
{
    QStringList kept;
    for (const QString &id : ids) {
        if (filter.accepts(stream.chatroom(id)))
            kept.append(id);
    }
    return kept;
}

QStringList matching(const ChatroomStream &stream, const QStringList &ids, const QString &query)
{
    return matching(stream, ids, ChatroomFilter{ChatroomFilter::States::Any, query, true});
}

ChatroomFilter filterOf(int states, const QString &query)
{
    const auto kept = ChatroomFilter::States(states);
    return ChatroomFilter{kept, query, kept == ChatroomFilter::States::Any};
}

} // namespace

class TestChatroomFilterModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesNameOrPhone_data();
    void matchesNameOrPhone();
    void followsTheListIncrementally_data();
    void followsTheListIncrementally();
    void aNewQueryIsOneReset();
    void aRenameMovesAChatroomInAndOutOfTheResults();
};

void TestChatroomFilterModel::matchesNameOrPhone_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("matches");
    QTest::newRow("a part of the name matches, whatever its case") << u"SILV"_s << true;
    QTest::newRow("the whole name matches") << u"Ana Silva"_s << true;
    QTest::newRow("a part of the phone number matches") << u"1510000"_s << true;
    QTest::newRow("another name does not match") << u"Okafor"_s << false;
    QTest::newRow("an empty query matches nothing") << QString() << false;
}

void TestChatroomFilterModel::matchesNameOrPhone()
{
    QFETCH(QString, query);
    QFETCH(bool, matches);
    Chatroom chatroom;
    chatroom.displayName = u"Ana Silva"_s;
    chatroom.phoneNumber = u"+4915100007"_s;
    QCOMPARE(ChatroomFilterModel::matches(chatroom, query), matches);
}

void TestChatroomFilterModel::followsTheListIncrementally_data()
{
    QTest::addColumn<int>("view");
    QTest::addColumn<QString>("viewer");
    QTest::addColumn<int>("states");
    QTest::addColumn<QString>("query");
    const int any = int(ChatroomFilter::States::Any);
    QTest::newRow("a search for \"an\" in All follows 2,000 random events with exact signals")
        << int(View::All) << ChatroomStream::supervisor() << any << u"an"_s;
    QTest::newRow("a search for \"Jr\" catches renamed chatrooms as they change")
        << int(View::All) << ChatroomStream::supervisor() << any << u"jr"_s;
    QTest::newRow("a search by phone digits in an agent's Mine follows 2,000 random events")
        << int(View::Mine) << ChatroomStream::agent(1) << any << u"0001"_s;
    QTest::newRow("R12: the open chatrooms of All follow deactivations and reactivations")
        << int(View::All) << ChatroomStream::supervisor() << int(ChatroomFilter::States::Open) << QString();
    QTest::newRow("R12: the closed chatrooms of an agent's Mine follow 2,000 random events")
        << int(View::Mine) << ChatroomStream::agent(1) << int(ChatroomFilter::States::Closed) << QString();
}

void TestChatroomFilterModel::followsTheListIncrementally()
{
    QFETCH(int, view);
    QFETCH(QString, viewer);
    QFETCH(int, states);
    QFETCH(QString, query);
    const ChatroomFilter kept = filterOf(states, query);

    ChatroomStream stream(21);
    ChatroomListModel list(View(view), viewer);
    ChatroomFilterModel filter(&list, ChatroomFilter{kept.states, {}, kept.queryRequired});
    Tester listTester(&list, Tester::FailureReportingMode::Fatal);
    Tester filterTester(&filter, Tester::FailureReportingMode::Fatal);
    list.resetWith(stream.start(300));
    filter.setQuery(query);
    QCOMPARE(rowIds(filter), matching(stream, stream.expectedOrder(View(view), viewer), kept));

    QSignalSpy inserted(&filter, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&filter, &QAbstractItemModel::rowsRemoved);
    QSignalSpy moved(&filter, &QAbstractItemModel::rowsMoved);
    QSignalSpy reset(&filter, &QAbstractItemModel::modelReset);
    for (int action = 0; action < 2000; ++action) {
        const QStringList before = rowIds(filter);
        const QList<Event> events = stream.next();
        inserted.clear();
        removed.clear();
        moved.clear();
        list.applyEvents(events);
        const QStringList after = matching(stream, stream.expectedOrder(View(view), viewer), kept);
        QCOMPARE(rowIds(filter), after);
        // One chatroom per action: at most one announcement, and the one the two orders need.
        QVERIFY(inserted.size() + removed.size() + moved.size() <= 1);
        if (!events.isEmpty() && events.front().kind != EventKind::PresenceUpdated) {
            const QString id = events.front().chatroom.id;
            const qsizetype from = before.indexOf(id);
            const qsizetype to = after.indexOf(id);
            QCOMPARE(inserted.size(), from < 0 && to >= 0 ? 1 : 0);
            QCOMPARE(removed.size(), from >= 0 && to < 0 ? 1 : 0);
            QCOMPARE(moved.size(), from >= 0 && to >= 0 && from != to ? 1 : 0);
        }
    }
    QCOMPARE(reset.size(), 0);
    QVERIFY(filter.rowCount() > 0);
    QVERIFY(filter.rowOrder().checkInvariants());
}

void TestChatroomFilterModel::aNewQueryIsOneReset()
{
    ChatroomStream stream(22);
    ChatroomListModel list(View::All, ChatroomStream::supervisor());
    ChatroomFilterModel filter(&list);
    Tester tester(&filter, Tester::FailureReportingMode::Fatal);
    list.resetWith(stream.start(100));
    QCOMPARE(filter.rowCount(), 0); // no query yet

    QSignalSpy reset(&filter, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&filter, &QAbstractItemModel::rowsInserted);
    filter.setQuery(u"  ana "_s);
    QCOMPARE(filter.query(), u"ana"_s);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(rowIds(filter), matching(stream, stream.expectedOrder(View::All, {}), u"ana"_s));

    filter.setQuery(u"ana"_s);
    QCOMPARE(reset.size(), 1); // the same query: nothing to do

    list.resetWith(stream.start(50)); // the list's own reset rebuilds the results
    QCOMPARE(reset.size(), 2);
    QCOMPARE(list.rowCount(), 50);
    QCOMPARE(rowIds(filter), matching(stream, rowIds(list), u"ana"_s));
}

void TestChatroomFilterModel::aRenameMovesAChatroomInAndOutOfTheResults()
{
    ChatroomStream stream(23);
    ChatroomListModel list(View::All, ChatroomStream::supervisor());
    ChatroomFilterModel filter(&list);
    Tester tester(&filter, Tester::FailureReportingMode::Fatal);
    list.resetWith(stream.start(100));
    filter.setQuery(u"Zoe Quist"_s);
    QCOMPARE(filter.rowCount(), 0);

    const QString id = list.idAt(40);
    QSignalSpy inserted(&filter, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&filter, &QAbstractItemModel::rowsRemoved);
    list.applyEvents(stream.rename(id, u"Zoe Quist"_s));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(rowIds(filter), QStringList{id});
    QCOMPARE(filter.index(0).data(DisplayNameRole).toString(), u"Zoe Quist"_s);

    list.applyEvents(stream.rename(id, u"Ana Quist"_s));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(filter.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestChatroomFilterModel)
#include "tst_chatroomfiltermodel.moc"
