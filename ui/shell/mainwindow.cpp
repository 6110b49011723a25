#include "ui/shell/mainwindow.h"

#include "client/consolesession.h"
#include "ui/board/supervisorboard.h"
#include "ui/conversation/conversationpane.h"
#include "ui/shell/chatroomlistpane.h"
#include "ui/shell/connectionindicator.h"
#include "ui/shell/notificationcenter.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolButton>

namespace handover {

QString userTitle(const User &user)
{
    return client::displayNameOf(user);
}

QString roleTitle(Role role)
{
    switch (role) {
    case Role::Admin:
        return MainWindow::tr("admin");
    case Role::Supervisor:
        return MainWindow::tr("supervisor");
    case Role::Member:
        return MainWindow::tr("agent");
    }
    return {};
}

MainWindow::MainWindow(const Clock &clock, QWidget *parent)
    : QMainWindow(parent)
    , m_clock(clock)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/handover.svg")));
    m_list = new ChatroomListPane(clock, this);
    m_conversation = new ConversationPane(clock, this);
    m_conversation->setObjectName(QStringLiteral("conversationPane"));
    m_chats = new QSplitter(Qt::Horizontal, this);
    m_chats->setObjectName(QStringLiteral("chatsPage"));
    m_chats->addWidget(m_list);
    m_chats->addWidget(m_conversation);
    m_chats->setStretchFactor(0, 0);
    m_chats->setStretchFactor(1, 1);
    m_chats->setChildrenCollapsible(false);
    m_list->setMinimumWidth(280);
    m_chats->setSizes({360, 760});
    m_board = new SupervisorBoard(clock, this);
    m_board->setObjectName(QStringLiteral("supervisorBoard"));
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_chats);
    m_pages->addWidget(m_board);
    setCentralWidget(m_pages);

    m_connection = new ConnectionIndicator(clock, this);
    m_who = new QLabel(this);
    m_who->setObjectName(QStringLiteral("signedInAs"));
    m_mode = new QLabel(this);
    m_mode->setObjectName(QStringLiteral("modeLabel"));
    statusBar()->addWidget(m_connection);
    m_connectButton = new QToolButton(this);
    m_connectButton->setObjectName(QStringLiteral("connectToServerButton"));
    m_connectButton->setAutoRaise(true);
    m_connectButton->hide();
    statusBar()->addPermanentWidget(m_mode);
    statusBar()->addPermanentWidget(m_connectButton);
    statusBar()->addPermanentWidget(m_who);

    m_notifications = new NotificationCenter(this);
    connect(m_notifications, &NotificationCenter::chatroomRequested, this, &MainWindow::openChatroom);
    connect(m_notifications, &NotificationCenter::windowRequested, this, &MainWindow::bringToFront);
    connect(m_notifications, &NotificationCenter::unreadCountChanged, this, [this](int count) {
        m_unread = count;
        updateTitle();
    });

    connect(m_list, &ChatroomListPane::currentChatroomChanged, this, [this](const QString &id) {
        m_conversation->showChatroom(id);
        m_notifications->setFocusedChatroom(id);
    });
    connect(m_list, &ChatroomListPane::chatroomChosen, this, [this] { m_conversation->focusComposer(); });
    connect(m_board, &SupervisorBoard::chatroomActivated, this, &MainWindow::openChatroom);
    connect(m_conversation, &ConversationPane::problem, this,
            [this](const QString &text) { statusBar()->showMessage(text, 10000); });

    buildMenus();
    retranslate();
    updateRoleParts();
    resize(1180, 760);
}

MainWindow::~MainWindow()
{
    // The parts let go of the session before it may go.
    setSession(nullptr);
}

void MainWindow::setSession(client::ConsoleSession *session)
{
    m_session = session;
    m_list->setSession(session);
    m_conversation->setSession(session);
    m_board->setSession(session && roleSeesAllChatrooms(session->role()) ? session : nullptr);
    m_connection->setSession(session);
    m_notifications->setSession(session);
    updateRoleParts();
    updateTitle();
}

void MainWindow::openChatroom(const ChatroomId &id)
{
    if (id.isEmpty())
        return;
    showBoard(false);
    m_list->setCurrentChatroom(id);
    if (m_list->currentChatroom() != id) {
        // Not in the current view (a notification for another view, a card of the board): show All, or at
        // least the conversation.
        if (m_list->availableViews().contains(View::All))
            m_list->setView(View::All);
        m_list->setCurrentChatroom(id);
        if (m_list->currentChatroom() != id) {
            m_conversation->showChatroom(id);
            m_notifications->setFocusedChatroom(id);
        }
    }
}

void MainWindow::showBoard(bool board)
{
    const bool allowed = m_session && roleSeesAllChatrooms(m_session->role());
    m_pages->setCurrentWidget(board && allowed ? static_cast<QWidget *>(m_board) : m_chats);
    m_boardAction->setChecked(isShowingBoard());
    m_chatsAction->setChecked(!isShowingBoard());
}

bool MainWindow::isShowingBoard() const
{
    return m_pages->currentWidget() == m_board;
}

void MainWindow::bringToFront()
{
    // Minimised comes back as it was (maximised stays maximised).
    setWindowState(windowState() & ~Qt::WindowMinimized);
    show();
    raise();
    activateWindow();
}

QDockWidget *MainWindow::addSidePanel(QWidget *panel, const QString &title, const QString &objectName)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(panel);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    m_viewMenu->addAction(dock->toggleViewAction());
    return dock;
}

void MainWindow::setMode(const QString &text, bool offerServer)
{
    m_mode->setText(text);
    m_mode->setVisible(!text.isEmpty());
    m_connectButton->setVisible(offerServer);
}

void MainWindow::updateTitle()
{
    QString title = m_session ? tr("Handover: %1").arg(userTitle(m_session->user())) : tr("Handover");
    if (m_unread > 0)
        title = QStringLiteral("(%1) %2").arg(m_unread).arg(title);
    setWindowTitle(title);
    if (m_session)
        m_who->setText(
            tr("Signed in as %1 (%2)").arg(userTitle(m_session->user()), roleTitle(m_session->role())));
    else
        m_who->setText(tr("Not signed in"));
}

void MainWindow::updateRoleParts()
{
    const bool supervisor = m_session && roleSeesAllChatrooms(m_session->role());
    m_boardAction->setVisible(supervisor);
    m_chatsAction->setVisible(supervisor);
    for (QAction *action : std::as_const(m_viewActions)) {
        const auto view = viewFromName(action->data().toString());
        action->setVisible(view && m_list->availableViews().contains(*view));
        action->setChecked(view && *view == m_list->view());
    }
    if (!supervisor)
        showBoard(false);
    m_signOutAction->setEnabled(m_session);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        updateTitle();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    event->accept();
    QApplication::quit();
}

} // namespace handover
