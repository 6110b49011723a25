#include "core/chatroomindex.h"

#include <QElapsedTimer>
#include <QTest>
#include <algorithm>
#include <random>
#include <vector>

using namespace handover;
using namespace Qt::StringLiterals;

namespace {

// "a@30" is id a with bumped_at 30; "a@30.2" adds bump_seq 2.
SortKey parseKey(QStringView text)
{
    const qsizetype dot = text.indexOf(u'.');
    if (dot < 0)
        return SortKey{text.toLongLong(), 0};
    return SortKey{text.left(dot).toLongLong(), text.mid(dot + 1).toLongLong()};
}

std::vector<std::pair<QString, SortKey>> parseRows(const QStringList &rows)
{
    std::vector<std::pair<QString, SortKey>> parsed;
    for (const QString &row : rows) {
        const qsizetype at = row.indexOf(u'@');
        parsed.emplace_back(row.left(at), parseKey(QStringView(row).mid(at + 1)));
    }
    return parsed;
}

// Writes each announcement down as one line, after checking that its "about to" half came first.
class RecordingObserver final : public ChatroomIndexObserver
{
public:
    QStringList events;

    void rowAboutToBeInserted(int row) override { expect(u"insert %1"_s.arg(row)); }
    void rowInserted(int row) override { done(u"insert %1"_s.arg(row)); }
    void rowAboutToBeRemoved(int row) override { expect(u"remove %1"_s.arg(row)); }
    void rowRemoved(int row) override { done(u"remove %1"_s.arg(row)); }
    void rowAboutToMove(int from, int to) override { expect(u"move %1 to %2"_s.arg(from).arg(to)); }
    void rowMoved(int from, int to) override { done(u"move %1 to %2"_s.arg(from).arg(to)); }
    void aboutToReset() override { expect(u"reset"_s); }
    void resetDone() override { done(u"reset"_s); }

private:
    void expect(const QString &event)
    {
        if (!m_pending.isEmpty())
            events.append(u"nested "_s + event);
        m_pending = event;
    }
    void done(const QString &event)
    {
        events.append(event == m_pending ? event : u"unpaired "_s + event);
        m_pending.clear();
    }

    QString m_pending;
};

// Replays every announcement onto its own list the way a QAbstractItemModel would (moves through
// moveDestinationRow), and checks that "about to" callbacks still see the old state. If the announcements are
// exact, its list equals the index at the end.
class ReplayingObserver final : public ChatroomIndexObserver
{
public:
    ReplayingObserver(const ChatroomIndex &index, const QHash<QString, int> &numbers)
        : m_index(index)
        , m_numbers(numbers)
    {}

    std::vector<int> rows; // numbers of the ids, in replayed order
    qint64 changes = 0;    // completed announcements
    int lastFrom = -1;
    int lastTo = -1;
    QString error; // the first inconsistency seen

    void rowAboutToBeInserted(int row) override
    {
        begin(row >= 0 && row <= int(rows.size()) && m_index.size() == int(rows.size()), "insert");
    }
    void rowInserted(int row) override
    {
        rows.insert(rows.begin() + row, m_numbers.value(m_index.idAt(row), -1));
        end(row, row);
    }
    void rowAboutToBeRemoved(int row) override { begin(sameAt(row), "remove"); }
    void rowRemoved(int row) override
    {
        rows.erase(rows.begin() + row);
        end(row, row);
    }
    void rowAboutToMove(int from, int to) override
    {
        begin(sameAt(from) && to >= 0 && to < int(rows.size()) && to != from, "move");
    }
    void rowMoved(int from, int to) override
    {
        // What QAbstractItemModel does with beginMoveRows(from, from, destinationChild).
        const int destination = moveDestinationRow(from, to);
        const int landing = destination > from ? destination - 1 : destination;
        if (landing > from)
            std::rotate(rows.begin() + from, rows.begin() + from + 1, rows.begin() + landing + 1);
        else
            std::rotate(rows.begin() + landing, rows.begin() + from, rows.begin() + from + 1);
        end(from, to);
        if (!sameAt(to) && error.isEmpty())
            error = u"row %1 differs after a move"_s.arg(to);
    }
    void aboutToReset() override { begin(true, "reset"); }
    void resetDone() override
    {
        rows.clear();
        for (const QString &id : m_index.orderedIds())
            rows.push_back(m_numbers.value(id, -1));
        end(-1, -1);
    }

private:
    bool sameAt(int row) const
    {
        return row >= 0 && row < int(rows.size()) && m_numbers.value(m_index.idAt(row), -1) == rows[row];
    }
    void begin(bool ok, const char *what)
    {
        if ((!ok || m_open) && error.isEmpty())
            error = u"bad or nested \"about to %1\" after %2 changes"_s.arg(QLatin1String(what)).arg(changes);
        m_open = true;
    }
    void end(int from, int to)
    {
        if (!m_open && error.isEmpty())
            error = u"a change without its \"about to\" after %1 changes"_s.arg(changes);
        m_open = false;
        ++changes;
        lastFrom = from;
        lastTo = to;
    }

    const ChatroomIndex &m_index;
    const QHash<QString, int> &m_numbers;
    bool m_open = false;
};

} // namespace

class tst_ChatroomIndex : public QObject
{
    Q_OBJECT

private slots:
    void changes_data();
    void changes();
    void moveDestination_data();
    void moveDestination();
    void assign_data();
    void assign();
    void lookupsOutsideTheIndexFindNothing();
    void clearAnnouncesOneReset();
    void aLargeColdStartIsOrderedAndConsistent();
    void randomOperationsMatchAReferenceModel();
};

void tst_ChatroomIndex::changes_data()
{
    QTest::addColumn<QStringList>("initial");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("result"); // the row for insert/update, 1 or 0 for remove
    QTest::addColumn<QStringList>("order");
    QTest::addColumn<QStringList>("events");

    const QStringList abc{u"a@30"_s, u"b@20"_s, u"c@10"_s};
    const QStringList unchanged{u"a"_s, u"b"_s, u"c"_s};
    const QStringList none;

    QTest::newRow("R20: a bump moves the row to the top")
        << abc << u"update"_s << u"c"_s << u"40"_s << 0 << QStringList{u"c"_s, u"a"_s, u"b"_s}
        << QStringList{u"move 2 to 0"_s};
    QTest::newRow("R20: an update that keeps the key emits no move")
        << abc << u"update"_s << u"b"_s << u"20"_s << 1 << unchanged << none;
    QTest::newRow("R20: a newer key that stays below the row above emits no move")
        << abc << u"update"_s << u"b"_s << u"25"_s << 1 << unchanged << none;
    QTest::newRow("R20: bumping the top row keeps it on top and emits no move")
        << abc << u"update"_s << u"a"_s << u"50"_s << 0 << unchanged << none;
    QTest::newRow("R20: an older key moves the row down below the newer ones")
        << abc << u"update"_s << u"a"_s << u"15"_s << 1 << QStringList{u"b"_s, u"a"_s, u"c"_s}
        << QStringList{u"move 0 to 1"_s};
    QTest::newRow("R20: a key older than every other moves the row to the bottom")
        << abc << u"update"_s << u"a"_s << u"5"_s << 2 << QStringList{u"b"_s, u"c"_s, u"a"_s}
        << QStringList{u"move 0 to 2"_s};
    QTest::newRow("R20: ties on the key are broken by id ascending")
        << QStringList{u"b@20"_s, u"c@20"_s} << u"insert"_s << u"a"_s << u"20"_s << 0 << unchanged
        << QStringList{u"insert 0"_s};
    QTest::newRow("R20: a bump that ties the top row goes below it when its id is larger")
        << QStringList{u"b@30"_s, u"a@20"_s, u"c@10"_s} << u"update"_s << u"c"_s << u"30"_s << 1
        << QStringList{u"b"_s, u"c"_s, u"a"_s} << QStringList{u"move 2 to 1"_s};
    QTest::newRow("R20: a bump that ties the top row goes above it when its id is smaller")
        << QStringList{u"b@30"_s, u"c@20"_s, u"a@10"_s} << u"update"_s << u"a"_s << u"30"_s << 0 << unchanged
        << QStringList{u"move 2 to 0"_s};
    QTest::newRow("R20: bump_seq orders rows bumped in the same millisecond")
        << QStringList{u"a@30.1"_s, u"b@30.2"_s} << u"update"_s << u"a"_s << u"30.3"_s << 0
        << QStringList{u"a"_s, u"b"_s} << QStringList{u"move 1 to 0"_s};
    QTest::newRow("inserting a new id announces one insert at its row")
        << QStringList{u"a@30"_s, u"c@10"_s} << u"insert"_s << u"b"_s << u"20"_s << 1 << unchanged
        << QStringList{u"insert 1"_s};
    QTest::newRow("inserting into an empty index gives row 0")
        << QStringList{} << u"insert"_s << u"a"_s << u"1"_s << 0 << QStringList{u"a"_s}
        << QStringList{u"insert 0"_s};
    QTest::newRow("inserting an id that is already there moves it like an update")
        << abc << u"insert"_s << u"c"_s << u"40"_s << 0 << QStringList{u"c"_s, u"a"_s, u"b"_s}
        << QStringList{u"move 2 to 0"_s};
    QTest::newRow("inserting an id that is already there with its key announces nothing")
        << abc << u"insert"_s << u"b"_s << u"20"_s << 1 << unchanged << none;
    QTest::newRow("removing an id announces one removal at its row")
        << abc << u"remove"_s << u"b"_s << QString() << 1 << QStringList{u"a"_s, u"c"_s}
        << QStringList{u"remove 1"_s};
    QTest::newRow("removing the last row leaves an empty index")
        << QStringList{u"a@1"_s} << u"remove"_s << u"a"_s << QString() << 1 << QStringList{}
        << QStringList{u"remove 0"_s};
    QTest::newRow("removing an unknown id changes nothing")
        << abc << u"remove"_s << u"x"_s << QString() << 0 << unchanged << none;
    QTest::newRow("updating an unknown id changes nothing and answers -1")
        << abc << u"update"_s << u"x"_s << u"99"_s << -1 << unchanged << none;
}

void tst_ChatroomIndex::changes()
{
    QFETCH(QStringList, initial);
    QFETCH(QString, operation);
    QFETCH(QString, id);
    QFETCH(QString, key);
    QFETCH(int, result);
    QFETCH(QStringList, order);
    QFETCH(QStringList, events);

    ChatroomIndex index;
    for (const auto &[rowId, rowKey] : parseRows(initial))
        index.insert(rowId, rowKey);
    RecordingObserver observer;
    index.setObserver(&observer);

    if (operation == u"insert")
        QCOMPARE(index.insert(id, parseKey(key)), result);
    else if (operation == u"update")
        QCOMPARE(index.update(id, parseKey(key)), result);
    else
        QCOMPARE(int(index.remove(id)), result);

    QCOMPARE(index.orderedIds(), order);
    QCOMPARE(observer.events, events);
    QCOMPARE(index.size(), order.size());
    for (int row = 0; row < order.size(); ++row)
        QCOMPARE(index.indexOf(order[row]), row);
    if (operation != u"remove" && result >= 0) {
        QCOMPARE(index.keyOf(id), std::optional<SortKey>(parseKey(key)));
        QCOMPARE(index.keyAt(result), parseKey(key));
    }
    QVERIFY(index.checkInvariants());
}

void tst_ChatroomIndex::moveDestination_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    QTest::addColumn<int>("destination");

    QTest::newRow("a move up is placed before the row it ends on") << 5 << 2 << 2;
    QTest::newRow("a bump to the top is placed before row 0") << 7 << 0 << 0;
    QTest::newRow("a move down is placed before the row after the one it ends on") << 2 << 5 << 6;
    QTest::newRow("a swap with the next row is placed two rows down") << 0 << 1 << 2;
}

void tst_ChatroomIndex::moveDestination()
{
    QFETCH(int, from);
    QFETCH(int, to);
    QFETCH(int, destination);
    QCOMPARE(moveDestinationRow(from, to), destination);
}

void tst_ChatroomIndex::assign_data()
{
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<QStringList>("order");

    QTest::newRow("R20: assigned rows are shown newest first")
        << QStringList{u"a@10"_s, u"b@30"_s, u"c@20"_s} << QStringList{u"b"_s, u"c"_s, u"a"_s};
    QTest::newRow("R20: assigned rows with equal keys are ordered by id")
        << QStringList{u"c@5"_s, u"a@5"_s, u"b@5"_s} << QStringList{u"a"_s, u"b"_s, u"c"_s};
    QTest::newRow("the last row of a repeated id wins, as with inserts one by one")
        << QStringList{u"a@50"_s, u"b@20"_s, u"a@10"_s} << QStringList{u"b"_s, u"a"_s};
    QTest::newRow("assigning nothing empties the index") << QStringList{} << QStringList{};
}

void tst_ChatroomIndex::assign()
{
    QFETCH(QStringList, rows);
    QFETCH(QStringList, order);

    ChatroomIndex index;
    index.insert(u"old"_s, SortKey{1, 1});
    RecordingObserver observer;
    index.setObserver(&observer);
    index.assign(parseRows(rows));

    QCOMPARE(observer.events, QStringList{u"reset"_s});
    QCOMPARE(index.orderedIds(), order);
    QVERIFY(!index.contains(u"old"_s));
    QVERIFY(index.checkInvariants());
    if (!order.isEmpty()) { // the index keeps working after a cold start
        QCOMPARE(index.insert(u"new"_s, SortKey{100, 0}), 0);
        QCOMPARE(index.update(order.last(), SortKey{200, 0}), 0);
        QCOMPARE(index.indexOf(u"new"_s), 1);
        QVERIFY(index.checkInvariants());
    }
}

void tst_ChatroomIndex::lookupsOutsideTheIndexFindNothing()
{
    ChatroomIndex index;
    QCOMPARE(index.idAt(0), QString());
    index.insert(u"a"_s, SortKey{1, 0});
    QVERIFY(index.idAt(-1).isNull());
    QVERIFY(index.idAt(1).isNull());
    QCOMPARE(index.keyAt(1), SortKey{});
    QCOMPARE(index.indexOf(u"b"_s), -1);
    QVERIFY(!index.keyOf(u"b"_s).has_value());
    QVERIFY(!index.contains(u"b"_s));
    QVERIFY(index.contains(u"a"_s));
}

void tst_ChatroomIndex::clearAnnouncesOneReset()
{
    ChatroomIndex index;
    RecordingObserver observer;
    index.setObserver(&observer);
    index.clear();
    QCOMPARE(observer.events, QStringList{}); // nothing to clear, nothing to announce

    index.insert(u"a"_s, SortKey{1, 0});
    index.insert(u"b"_s, SortKey{2, 0});
    observer.events.clear();
    index.clear();
    QCOMPARE(observer.events, QStringList{u"reset"_s});
    QCOMPARE(index.size(), 0);
    QVERIFY(!index.contains(u"a"_s));
    QCOMPARE(index.insert(u"a"_s, SortKey{1, 0}), 0);
    QVERIFY(index.checkInvariants());
}

void tst_ChatroomIndex::aLargeColdStartIsOrderedAndConsistent()
{
    constexpr int Rows = 200'000;
    std::mt19937 random(7);
    std::vector<std::pair<QString, SortKey>> rows;
    rows.reserve(Rows);
    for (int i = 0; i < Rows; ++i) // few distinct keys, so many ties are broken by id
        rows.emplace_back(u"room-%1"_s.arg(i), SortKey{qint64(random() % 5000), qint64(random() % 3)});
    auto expected = rows;
    std::sort(expected.begin(), expected.end(), [](const auto &a, const auto &b) {
        return ChatroomIndex::comesBefore(a.second, a.first, b.second, b.first);
    });

    ChatroomIndex index;
    index.assign(std::move(rows));
    QCOMPARE(index.size(), Rows);
    QVERIFY(index.checkInvariants());
    const QStringList ids = index.orderedIds();
    for (int row = 0; row < Rows; ++row) {
        if (ids[row] != expected[size_t(row)].first)
            QCOMPARE(ids[row], expected[size_t(row)].first);
    }
    for (int row = 0; row < Rows; row += 997) {
        QCOMPARE(index.indexOf(expected[size_t(row)].first), row);
        QCOMPARE(index.idAt(row), expected[size_t(row)].first);
    }
}

// At least a million operations against a plain sorted vector, with the returned rows checked after every
// one, the full order every 10k operations, and the announcements replayed onto a third list.
void tst_ChatroomIndex::randomOperationsMatchAReferenceModel()
{
    constexpr int Operations = 1'000'000;
    constexpr int Universe = 4000; // about half of these ids are present at any time
    constexpr int FullCheckEvery = 10'000;
    constexpr quint64 Seed = 20200120;

    std::mt19937_64 random(Seed);
    const auto below = [&random](int bound) { return int(random() % quint64(bound)); };

    std::vector<QString> names; // not zero-padded, so id order is not number order
    QHash<QString, int> numbers;
    for (int i = 0; i < Universe; ++i) {
        names.push_back(u"room-%1"_s.arg(i));
        numbers.insert(names.back(), i);
    }
    std::vector<SortKey> keys(Universe);
    std::vector<int> reference; // numbers of the present ids, in row order
    const auto before = [&](int a, int b) {
        return ChatroomIndex::comesBefore(keys[a], names[a], keys[b], names[b]);
    };
    const auto rowOf = [&](int number) { // where `number` is, or would go, with its current key
        return int(std::lower_bound(reference.begin(), reference.end(), number, before) - reference.begin());
    };
    const auto isPresent = [&](int number) {
        const int row = rowOf(number);
        return row < int(reference.size()) && reference[size_t(row)] == number;
    };
    // Old keys come from a small range so that ties are common; bumps are always the newest.
    const auto oldKey = [&] { return SortKey{below(400), below(3)}; };
    qint64 newest = 1'000'000;

    ChatroomIndex index;
    ReplayingObserver replay(index, numbers);
    index.setObserver(&replay);

    int op = 0;
    const char *what = "";
    // On a mismatch, says which operation failed and lets QCOMPARE report the values. Comparing first keeps
    // QTestLib's bookkeeping out of a loop of millions of checks.
#define CHECK(actual, expected)                                                                              \
    do {                                                                                                     \
        const auto &actual_ = (actual);                                                                      \
        const auto &expected_ = (expected);                                                                  \
        if (!(actual_ == expected_)) {                                                                       \
            qWarning("operation %d (%s), seed %llu", op, what, Seed);                                        \
            QCOMPARE(actual_, expected_);                                                                    \
        }                                                                                                    \
    } while (false)

    // Moves `number` to its row for `key` in the reference and checks the index did the same, announcing a
    // move exactly when the row changed.
    const auto expectUpdate = [&](int number, SortKey key, int result) -> bool {
        const int from = rowOf(number);
        reference.erase(reference.begin() + from);
        keys[size_t(number)] = key;
        const int to = rowOf(number);
        reference.insert(reference.begin() + to, number);
        return result == to && (from == to || (replay.lastFrom == from && replay.lastTo == to));
    };

    QElapsedTimer timer;
    timer.start();
    for (op = 0; op < Operations; ++op) {
        const qint64 changesBefore = replay.changes;
        qint64 changesExpected = 0;
        const int choice = below(100);
        if (choice < 20) {
            what = "insert";
            const int number = below(Universe);
            const SortKey key = below(2) ? SortKey{++newest, newest} : oldKey();
            const int row = index.insert(names[size_t(number)], key);
            if (isPresent(number)) {
                const int from = rowOf(number);
                CHECK(expectUpdate(number, key, row), true);
                changesExpected = rowOf(number) != from;
            } else {
                keys[size_t(number)] = key;
                const int expected = rowOf(number);
                reference.insert(reference.begin() + expected, number);
                CHECK(row, expected);
                CHECK(replay.lastFrom, expected);
                changesExpected = 1;
            }
        } else if (choice < 45 && !reference.empty()) {
            what = "bump";
            const int from = below(int(reference.size()));
            const int number = reference[size_t(from)];
            ++newest;
            const int row = index.update(names[size_t(number)], SortKey{newest, newest});
            CHECK(row, 0);
            CHECK(expectUpdate(number, SortKey{newest, newest}, row), true);
            changesExpected = from != 0;
        } else if (choice < 60) {
            what = "update";
            const int number = below(Universe); // sometimes absent
            const bool present = isPresent(number);
            // One in ten keeps its key, which must announce nothing.
            const SortKey key = present && below(10) == 0 ? keys[size_t(number)] : oldKey();
            const int row = index.update(names[size_t(number)], key);
            if (present) {
                const int from = rowOf(number);
                CHECK(expectUpdate(number, key, row), true);
                changesExpected = rowOf(number) != from;
            } else {
                CHECK(row, -1);
            }
        } else if (choice < 80) {
            what = "remove";
            const int number = below(Universe);
            const bool present = isPresent(number);
            const int row = present ? rowOf(number) : -1;
            CHECK(index.remove(names[size_t(number)]), present);
            if (present) {
                reference.erase(reference.begin() + row);
                CHECK(replay.lastFrom, row);
                changesExpected = 1;
            }
        } else if (choice < 90) {
            what = "indexOf";
            const int number = below(Universe);
            CHECK(index.indexOf(names[size_t(number)]), isPresent(number) ? rowOf(number) : -1);
            CHECK(index.contains(names[size_t(number)]), isPresent(number));
        } else {
            what = "idAt";
            const int row = below(int(reference.size()) + 2) - 1; // one past each end, too
            const bool inside = row >= 0 && row < int(reference.size());
            CHECK(index.idAt(row), inside ? names[size_t(reference[size_t(row)])] : QString());
            CHECK(index.keyAt(row), inside ? keys[size_t(reference[size_t(row)])] : SortKey{});
        }
        CHECK(index.size(), int(reference.size()));
        CHECK(replay.changes - changesBefore, changesExpected);

        if (op % FullCheckEvery == 0) {
            what = "full check";
            QVERIFY(std::is_sorted(reference.begin(), reference.end(), before));
            CHECK(replay.rows, reference);
            QVERIFY2(replay.error.isEmpty(), qPrintable(replay.error));
            QVERIFY(index.checkInvariants());
            QStringList expectedIds;
            for (int number : reference)
                expectedIds.append(names[size_t(number)]);
            CHECK(index.orderedIds(), expectedIds);
        }
    }
#undef CHECK

    QVERIFY2(replay.error.isEmpty(), qPrintable(replay.error));
    QCOMPARE(replay.rows, reference);
    QVERIFY(index.checkInvariants());
    qInfo("%d operations in %lld ms; %d rows at the end, %lld announced changes", Operations, timer.elapsed(),
          index.size(), replay.changes);
}

QTEST_GUILESS_MAIN(tst_ChatroomIndex)

#include "tst_chatroomindex.moc"
