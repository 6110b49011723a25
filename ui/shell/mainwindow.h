#pragma once

#include "client/consolesession.h"
#include "core/domain/ids.h"
#include "core/domain/org.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QSplitter;
class QStackedWidget;
class QToolButton;

namespace handover {

class ChatroomListPane;
class Clock;
class ConnectionIndicator;
class ConversationPane;
class NotificationCenter;
class ShortcutSheet;
class SupervisorBoard;
struct ShortcutEntry;

// The console's window: the chatroom list and the conversation side by side, the supervisor board as a
// second page for supervisors and admins, the connection state in the status bar, notifications and the tray.
// What lies outside the session (signing in, switching user, local mode's panels) is wired by the app through
// the actions and signals below.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const Clock &clock, QWidget *parent = nullptr);
    ~MainWindow() override;

    void setSession(client::ConsoleSession *session);
    client::ConsoleSession *session() const { return m_session; }

    void openChatroom(const ChatroomId &id);
    void showBoard(bool board);
    bool isShowingBoard() const;
    // A panel docked at the right (local mode's webhook deliveries), with a View menu entry; deleting the
    // dock removes both.
    QDockWidget *addSidePanel(QWidget *panel, const QString &title, const QString &objectName);
    void bringToFront();
    // "Local mode: demo org", or the server's address; in local mode a "Connect to a server" button sits next
    // to it, one click away.
    void setMode(const QString &text, bool offerServer);

    ChatroomListPane *listPane() const { return m_list; }
    ConversationPane *conversation() const { return m_conversation; }
    SupervisorBoard *board() const { return m_board; }
    ConnectionIndicator *connectionIndicator() const { return m_connection; }
    NotificationCenter *notifications() const { return m_notifications; }
    QMenu *accountMenu() const { return m_accountMenu; }
    // Every shortcut the window has for the signed-in user, as the shortcut sheet lists them.
    QList<ShortcutEntry> shortcutEntries() const;
    // The shortcut sheet (F1, Ctrl+/), filled afresh and shown; one at a time.
    ShortcutSheet *showShortcuts();

Q_SIGNALS:
    void signOutRequested();
    void connectToServerRequested();
    void settingsRequested();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void retranslate();
    void updateTitle();
    void updateRoleParts();

    const Clock &m_clock;
    QPointer<client::ConsoleSession> m_session;
    ChatroomListPane *m_list = nullptr;
    ConversationPane *m_conversation = nullptr;
    SupervisorBoard *m_board = nullptr;
    QSplitter *m_chats = nullptr;
    QStackedWidget *m_pages = nullptr;
    ConnectionIndicator *m_connection = nullptr;
    QLabel *m_who = nullptr;
    QLabel *m_mode = nullptr;
    QToolButton *m_connectButton = nullptr;
    NotificationCenter *m_notifications = nullptr;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_accountMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_goMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_chatsAction = nullptr;
    QAction *m_boardAction = nullptr;
    QList<QAction *> m_viewActions; // Mine, Awaiting handover, All
    QAction *m_nextAction = nullptr;
    QAction *m_previousAction = nullptr;
    QAction *m_nextUnreadAction = nullptr;
    QAction *m_searchAction = nullptr;
    QAction *m_composeAction = nullptr;
    QAction *m_templateAction = nullptr;
    QAction *m_attachAction = nullptr;
    QAction *m_signOutAction = nullptr;
    QAction *m_connectAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_shortcutsAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_showWindowAction = nullptr;
    QPointer<ShortcutSheet> m_shortcutSheet;
    int m_unread = 0;
};

QString userTitle(const User &user); // "Ana Agent", or the email when the user has no name
QString roleTitle(Role role);        // "agent", "supervisor", "admin" in the user's language

} // namespace handover
