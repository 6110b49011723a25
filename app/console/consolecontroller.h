#pragma once

#include "app/console/consoleoptions.h"
#include "app/console/consolesettings.h"
#include "app/console/languageswitcher.h"
#include "client/consolesession.h"
#include "client/tokenstore.h"
#include "core/clock.h"

#include <QDockWidget>
#include <QObject>
#include <QPointer>
#include <memory>

namespace handover {
class MainWindow;
}

namespace handover::console {

class LocalMode;

// The console's life: local mode or a server, signing in (a stored token first), the session, the window,
// switching user, connecting to another server, signing out, settings and language.
class ConsoleController final : public QObject
{
    Q_OBJECT

public:
    explicit ConsoleController(ConsoleOptions options, QObject *parent = nullptr);
    ~ConsoleController() override;

    // Shows the window and begins; false when nothing could start (the reason went to the log and a box).
    bool start();

    MainWindow *window() const { return m_window.get(); }
    client::ConsoleSession *session() const { return m_session.get(); }
    LocalMode *localMode() const { return m_local.get(); }

Q_SIGNALS:
    void sessionOpened();

private:
    bool startLocalMode();
    void startWithServer(const QUrl &serverUrl);
    void signInAs(const QUrl &serverUrl, const QString &email, const QString &password);
    bool openSession(client::SignedInUser who);
    void closeSession();
    void showLogin(const QUrl &serverUrl, const QString &message);
    void connectToServer();
    void signOut();
    void openSettings();
    void fillAccountMenu();
    void onSessionEnded();
    void retranslate(); // what the controller put into the window, after a language change
    void showProblem(const QString &text);
    // Local mode's webhook deliveries: a side panel for supervisors and admins, until they close it.
    void updateDeliveriesPanel();
    // The open chatroom and its draft, kept for the next start.
    void rememberOpenChatroom();
    void restoreOpenChatroom();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    ConsoleOptions m_options;
    QString m_dataDirectory;
    SystemClock m_clock;
    ConsoleSettings m_settings;
    LanguageSwitcher m_language;
    std::unique_ptr<client::TokenStore> m_tokens;
    std::unique_ptr<LocalMode> m_local;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<client::ConsoleSession> m_session;
    QPointer<QDockWidget> m_deliveriesDock;
};

} // namespace handover::console
