#include "client/consolesession.h"
#include "tests/client/clienttestorg.h"
#include "tests/client/resultchecks.h"
#include "ui/conversation/composer.h"
#include "ui/conversation/conversationdelegate.h"
#include "ui/conversation/conversationheader.h"
#include "ui/conversation/conversationmodel.h"
#include "ui/conversation/conversationpane.h"
#include "ui/conversation/conversationview.h"
#include "ui/conversation/templatedialog.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace handover;
using namespace handover::client;
using namespace handover::testing;
using namespace Qt::StringLiterals;

class TestConversationPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void theEmptyStateShowsWithoutAChatroom();
    void aTextSentFromTheComposerShowsPendingThenSent();
    void theCustomersMessagesArriveLiveOnTheLeftAndAreMarkedRead();
    void ctrlTOpensTheTemplateDialogForTheShownChatroom();
    void aChatroomReassignedToTheViewerSaysSoInTheHeaderAndTheTimeline();
    void aRefusedTextGoesBackToTheComposerWithItsEditLink();

private:
    // The row of the first message with this text, -1 if none.
    int rowOf(const QString &text) const;
    int countOf(const QString &text) const;

    ClientTestOrg m_org;
    QTemporaryDir m_data;
    SystemClock m_clock;
    QString m_room;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<ConversationPane> m_pane;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestConversationPane::initTestCase()
{
    qRegisterMetaType<TemplateDialog *>();
    QVERIFY2(m_org.start(), m_org.why());
    m_room = m_org.newChatroom(m_org.member.user.id);
    QVERIFY2(!m_room.isEmpty(), m_org.why());
    QVERIFY2(m_org.customerWrites(m_room, u"Hello, is my order ready?"_s), m_org.why()); // opens the window
}

void TestConversationPane::init()
{
    // The org's member has logged in already: the session starts from that login.
    m_session = m_org.connectedSession(m_org.member, m_data.path(), m_room);
    QVERIFY2(m_session, m_org.why());
    m_pane = std::make_unique<ConversationPane>(m_clock);
    m_pane->resize(600, 700);
    m_pane->setSession(m_session.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_pane->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_pane->show();
}

void TestConversationPane::cleanup()
{
    m_tester.reset();
    m_pane.reset();
    m_session.reset();
}

int TestConversationPane::rowOf(const QString &text) const
{
    const ConversationModel *model = m_pane->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row).data().toString() == text)
            return row;
    }
    return -1;
}

int TestConversationPane::countOf(const QString &text) const
{
    const ConversationModel *model = m_pane->model();
    int count = 0;
    for (int row = 0; row < model->rowCount(); ++row)
        count += model->index(row).data().toString() == text ? 1 : 0;
    return count;
}

void TestConversationPane::theEmptyStateShowsWithoutAChatroom()
{
    m_pane->showChatroom({});
    QVERIFY(m_pane->findChild<QLabel *>(u"conversationEmpty"_s)->isVisible());
    QVERIFY(!m_pane->view()->isVisible());
    m_pane->showChatroom(m_room);
    QVERIFY(!m_pane->findChild<QLabel *>(u"conversationEmpty"_s)->isVisible());
    QVERIFY(m_pane->view()->isVisible());
    QCOMPARE(m_pane->header()->titleText(), MUST_OK(m_session->cache().chatroom(m_room))->displayName);
    QVERIFY(m_pane->header()->titleText().contains(u"Asha"_s));
    QVERIFY(m_pane->header()->detailsText().contains(u"You"_s));
    QVERIFY(m_pane->header()->windowText().startsWith(u"Window: "_s));
}

void TestConversationPane::aTextSentFromTheComposerShowsPendingThenSent()
{
    m_pane->showChatroom(m_room);
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->composer()->mode().kind, ComposerMode::Kind::Text, 5000);
    const QString text = u"It ships today."_s;
    QTest::keyClicks(m_pane->findChild<QPlainTextEdit *>(u"composerText"_s), text);
    QTest::mouseClick(m_pane->findChild<QPushButton *>(u"composerSend"_s), Qt::LeftButton);
    // At once: a pending row at the end, before anything has gone out.
    const int pending = rowOf(text);
    QCOMPARE(pending, m_pane->model()->rowCount() - 1);
    QVERIFY(m_pane->model()->index(pending).data(LocalIdRole).toLongLong() != 0);
    QCOMPARE(m_pane->model()->index(pending).data(DeliveryRole).toInt(), int(ConversationDelivery::Pending));
    // Then the server's message in its place, sent, exactly once.
    QTRY_VERIFY_WITH_TIMEOUT(
        rowOf(text) >= 0 && m_pane->model()->index(rowOf(text)).data(LocalIdRole).toLongLong() == 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->model()->index(rowOf(text)).data(DeliveryRole).toInt(),
                              int(ConversationDelivery::Sent), 10000);
    QCOMPARE(countOf(text), 1);
    QCOMPARE(m_pane->model()->serverRowCount(), m_pane->model()->rowCount());
    const MessageId id = m_pane->model()->index(rowOf(text)).data(MessageIdRole).toString();
    const QList<Message> onServer = m_org.serverMessages(m_room);
    QVERIFY(std::any_of(onServer.cbegin(), onServer.cend(),
                        [&](const Message &m) { return m.id == id && m.text == text; }));
    QVERIFY(m_pane->view()->isAtBottom());
}

void TestConversationPane::theCustomersMessagesArriveLiveOnTheLeftAndAreMarkedRead()
{
    m_pane->showChatroom(m_room);
    const QString text = u"Thanks! One more question."_s;
    QVERIFY2(m_org.customerWrites(m_room, text), m_org.why());
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(text) >= 0, 10000);
    QVERIFY(!m_pane->model()->index(rowOf(text)).data(OutgoingRole).toBool());
    // The viewer had unread messages while the chatroom was shown: a mark-read went out.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const Chatroom &room : m_org.serverChatrooms(m_org.member.token, View::Mine)) {
                if (room.id == m_room)
                    return room.participant(m_org.member.user.id)->unreadCount == 0;
            }
            return false;
        }(),
        10000);
    const QList<OutboxItem> items = MUST_OK(m_session->outbox().items());
    QVERIFY(std::any_of(items.cbegin(), items.cend(),
                        [](const OutboxItem &i) { return i.kind == CommandKind::MarkRead; }));
}

void TestConversationPane::ctrlTOpensTheTemplateDialogForTheShownChatroom()
{
    m_pane->showChatroom(m_room);
    QSignalSpy opened(m_pane.get(), &ConversationPane::templateDialogOpened);
    QTest::keyClick(m_pane->findChild<QPlainTextEdit *>(u"composerText"_s), Qt::Key_T, Qt::ControlModifier);
    QCOMPARE(opened.size(), 1);
    QVERIFY(m_pane->templateDialog());
    QTRY_VERIFY_WITH_TIMEOUT(m_pane->templateDialog()->templates().size() == 2, 10000);
    m_pane->showChatroom({}); // another chatroom closes it
    QTRY_VERIFY(!m_pane->templateDialog());
}

void TestConversationPane::aChatroomReassignedToTheViewerSaysSoInTheHeaderAndTheTimeline()
{
    const QString room = m_org.newChatroom(m_org.supervisor.user.id);
    QVERIFY2(!room.isEmpty(), m_org.why());
    const HttpResult reassigned = m_org.server()
                                      .client(m_org.supervisor.token)
                                      .post(u"/v1/orgs/%1/chatrooms/%2/reassign"_s.arg(m_org.orgId(), room),
                                            QJsonObject{{u"user_id"_s, m_org.member.user.id}});
    QCOMPARE(reassigned.status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(MUST_OK(m_session->cache().chatroom(room)).has_value(), 10000);
    m_pane->showChatroom(room);
    QCOMPARE(m_pane->header()->notice(), u"Reassigned to you."_s);
    QVERIFY(m_pane->findChild<QWidget *>(u"handoverNoticeBox"_s)->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(u"Reassigned to you"_s) >= 0, 10000);
    QCOMPARE(m_pane->model()->index(rowOf(u"Reassigned to you"_s)).data(KindRole).toInt(),
             int(MessageKind::System));
    // Dismissed, it stays away for this chatroom.
    QTest::mouseClick(m_pane->findChild<QToolButton *>(u"handoverNoticeDismiss"_s), Qt::LeftButton);
    QVERIFY(m_pane->header()->notice().isEmpty());
    m_pane->showChatroom(m_room);
    m_pane->showChatroom(room);
    QVERIFY(m_pane->header()->notice().isEmpty());
}

void TestConversationPane::aRefusedTextGoesBackToTheComposerWithItsEditLink()
{
    m_pane->showChatroom(m_room);
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->composer()->mode().kind, ComposerMode::Kind::Text, 5000);
    // A text the server refuses (the composer would not send it; another console of an older version might).
    const QString words = u"Our offer: "_s + QString(4600, u'x');
    const qint64 localId = MUST_OK(m_session->outbox().enqueueText(m_room, words)).localId;
    QTRY_COMPARE_WITH_TIMEOUT(MUST_OK(m_session->outbox().item(localId))->state, OutboxState::Failed, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_pane->model()->rowOfLocalId(localId) >= 0, 5000);
    const QModelIndex failed = m_pane->model()->index(m_pane->model()->rowOfLocalId(localId));
    QVERIFY(failed.data(CanRetryRole).toBool());
    QVERIFY(failed.data(CanEditRole).toBool());

    // The bubble's Edit link: the words go back into the composer, the failed send goes.
    m_pane->composer()->setText(u"Dear customer,"_s);
    ConversationView *view = m_pane->view();
    view->scrollTo(view->model()->index(failed.row(), 0));
    QStyleOptionViewItem option;
    option.initFrom(view->viewport());
    option.font = view->font();
    const QModelIndex shown = view->model()->index(failed.row(), 0);
    const auto *delegate = static_cast<const ConversationDelegate *>(view->itemDelegate());
    const BubbleLayout parts = delegate->layout(option, view->visualRect(shown), shown);
    QVERIFY(!parts.edit.isEmpty());
    QSignalSpy edit(view, &ConversationView::editRequested);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, parts.edit.center());
    QCOMPARE(edit.size(), 1);
    QCOMPARE(m_pane->composer()->text(), u"Dear customer,\n\n"_s + words);
    QVERIFY(!MUST_OK(m_session->outbox().item(localId)).has_value());
    QCOMPARE(m_pane->model()->rowOfLocalId(localId), -1);
    // Too long as it stands: the composer keeps it and says so.
    QVERIFY(!m_pane->findChild<QPushButton *>(u"composerSend"_s)->isEnabled());
    m_pane->composer()->setText({});
}

QTEST_MAIN(TestConversationPane)
#include "tst_conversationpane.moc"
