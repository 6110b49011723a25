#include "app/console/consolecontroller.h"

#include "app/console/localmode/democatalog.h"
#include "app/console/localmode/localmode.h"
#include "app/console/webhookdeliveriespanel.h"
#include "core/logging.h"
#include "ui/board/supervisorboard.h"
#include "ui/conversation/composer.h"
#include "ui/conversation/conversationpane.h"
#include "ui/shell/logindialog.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/notificationcenter.h"
#include "ui/shell/settingsdialog.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QEvent>
#include <QMenu>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTimer>

namespace handover::console {

namespace {

QString defaultDataDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
}

} // namespace

ConsoleController::ConsoleController(ConsoleOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_dataDirectory(m_options.dataDirectory.isEmpty() ? defaultDataDirectory() : m_options.dataDirectory)
    , m_settings(m_options.dataDirectory.isEmpty()
                     ? QString()
                     : QDir(m_dataDirectory).filePath(QStringLiteral("handover.ini")))
{
    QDir().mkpath(m_dataDirectory);
    m_language.use(m_options.language.isEmpty() ? m_settings.language() : m_options.language);
    client::TokenStore::Options tokenOptions;
    tokenOptions.fallbackDirectory = m_dataDirectory;
    m_tokens = std::make_unique<client::TokenStore>(tokenOptions, this);
}

ConsoleController::~ConsoleController()
{
    if (m_window)
        m_settings.setWindowGeometry(m_window->saveGeometry());
    rememberOpenChatroom();
    // The window lets go of the session, the session of the server, the server of the simulator.
    if (m_window)
        m_window->setSession(nullptr);
    m_session.reset();
    m_window.reset();
    m_local.reset();
}

bool ConsoleController::start()
{
    m_window = std::make_unique<MainWindow>(m_clock);
    m_window->restoreGeometry(m_settings.windowGeometry());
    m_window->notifications()->setEnabled(m_settings.notificationsEnabled());
    m_window->conversation()->composer()->setEnterSends(m_settings.enterSends());
    connect(m_window.get(), &MainWindow::connectToServerRequested, this, &ConsoleController::connectToServer);
    connect(m_window.get(), &MainWindow::signOutRequested, this, &ConsoleController::signOut);
    connect(m_window.get(), &MainWindow::settingsRequested, this, &ConsoleController::openSettings);
    m_window->show();

    const QUrl server = m_options.serverUrl.isEmpty() ? m_settings.serverUrl() : m_options.serverUrl;
    if (m_options.localMode || server.isEmpty())
        return startLocalMode();
    startWithServer(server);
    return true;
}

bool ConsoleController::startLocalMode()
{
    auto local = LocalMode::start(m_dataDirectory);
    if (!local) {
        showProblem(tr("Local mode could not start: %1").arg(local.error().description));
        return false;
    }
    m_local = std::move(local).value();
    retranslate();
    const DemoUser supervisor = m_local->supervisor();
    signInAs(m_local->serverUrl(), supervisor.email, supervisor.password);
    return true;
}

void ConsoleController::fillAccountMenu()
{
    QMenu *menu = m_window->accountMenu();
    menu->clear();
    menu->setEnabled(m_local != nullptr);
    if (!m_local)
        return;
    for (const DemoUser &user : m_local->demoUsers()) {
        const QString label = tr("%1 (%2)").arg(user.displayName, roleTitle(user.role));
        menu->addAction(label, this,
                        [this, user] { signInAs(m_local->serverUrl(), user.email, user.password); });
    }
}

void ConsoleController::startWithServer(const QUrl &serverUrl)
{
    m_window->setMode(serverUrl.host(), false);
    const QString userId = m_settings.lastUserId();
    if (userId.isEmpty()) {
        showLogin(serverUrl, {});
        return;
    }
    // A stored token first; the server says whose it is, or that it is no longer good.
    m_tokens->load(
        client::TokenStore::makeAccount(serverUrl, userId), this,
        [this, serverUrl](Result<std::optional<QString>> token) {
            if (!token || !token->has_value()) {
                showLogin(serverUrl, {});
                return;
            }
            auto *api = new client::ApiClient(serverUrl, this);
            api->setToken(**token);
            api->me(this, [this, api, serverUrl, value = **token](client::ApiResult<User> user) {
                api->deleteLater();
                if (user) {
                    openSession(client::SignedInUser{serverUrl, value, *user});
                    return;
                }
                if (user.error().httpStatus == 401) {
                    m_tokens->remove(client::TokenStore::makeAccount(serverUrl, m_settings.lastUserId()),
                                     this, [](Result<void>) {});
                    showLogin(serverUrl, tr("Your session has ended: sign in again."));
                    return;
                }
                // The server is away: work from the cache; the session reconnects by itself.
                if (const std::optional<User> last = m_settings.lastUser()) {
                    openSession(client::SignedInUser{serverUrl, value, *last});
                    return;
                }
                showLogin(serverUrl, tr("The server could not be reached: %1").arg(user.error().message()));
            });
        });
}

void ConsoleController::signInAs(const QUrl &serverUrl, const QString &email, const QString &password)
{
    client::ConsoleSession::signIn(
        serverUrl, email, password, this, [this, serverUrl](client::ApiResult<client::SignedInUser> result) {
            if (!result) {
                showProblem(tr("Signing in failed: %1").arg(result.error().message()));
                return;
            }
            openSession(std::move(result).value());
        });
}

bool ConsoleController::openSession(client::SignedInUser who)
{
    closeSession();
    client::ConsoleSessionOptions options;
    options.dataDirectory = m_dataDirectory;
    auto session = client::ConsoleSession::open(who, options);
    if (!session) {
        showProblem(tr("The local cache could not be opened: %1").arg(session.error().description));
        return false;
    }
    m_session = std::move(session).value();
    // Later, not inside the signal: the session is still running the code that sent it.
    connect(m_session.get(), &client::ConsoleSession::sessionEnded, this,
            [this] { QTimer::singleShot(0, this, &ConsoleController::onSessionEnded); });
    m_window->setSession(m_session.get());
    updateDeliveriesPanel();
    restoreOpenChatroom();
    m_session->start();
    if (!m_local) {
        m_settings.setServerUrl(who.serverUrl);
        m_settings.setLastUser(who.user);
        m_tokens->save(client::TokenStore::makeAccount(who.serverUrl, who.user.id), who.token, this,
                       [](Result<void> saved) {
                           if (!saved)
                               qCWarning(lcUi)
                                   << "the session token was not stored:" << saved.error().description;
                       });
    }
    Q_EMIT sessionOpened();
    return true;
}

void ConsoleController::onSessionEnded()
{
    {
        const QUrl server = m_session ? m_session->signedIn().serverUrl : QUrl();
        if (m_local) {
            const DemoUser supervisor = m_local->supervisor();
            signInAs(m_local->serverUrl(), supervisor.email, supervisor.password);
            return;
        }
        if (m_session)
            m_tokens->remove(client::TokenStore::makeAccount(server, m_session->user().id), this,
                             [](Result<void>) {});
        closeSession();
        showLogin(server, tr("Your session has ended: sign in again."));
    }
}

void ConsoleController::closeSession()
{
    if (!m_session)
        return;
    rememberOpenChatroom();
    m_window->setSession(nullptr);
    m_session->stop();
    m_session.reset();
}

void ConsoleController::showLogin(const QUrl &serverUrl, const QString &message)
{
    auto *dialog = new LoginDialog(m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setServerUrl(serverUrl);
    dialog->setEmail(m_settings.lastEmail());
    dialog->setMessage(message);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (m_local) { // leaving local mode for a real server
            closeSession();
            delete m_deliveriesDock;
            m_local.reset();
            m_window->board()->setKnownGroups({});
            fillAccountMenu();
        }
        m_window->setMode(dialog->signedIn().serverUrl.host(), false);
        openSession(dialog->signedIn());
    });
    dialog->open();
}

void ConsoleController::connectToServer()
{
    showLogin(m_local ? QUrl() : m_settings.serverUrl(), {});
}

void ConsoleController::signOut()
{
    if (!m_session)
        return;
    const client::SignedInUser who = m_session->signedIn();
    closeSession();
    if (m_local) {
        const DemoUser supervisor = m_local->supervisor();
        signInAs(m_local->serverUrl(), supervisor.email, supervisor.password);
        return;
    }
    m_tokens->remove(client::TokenStore::makeAccount(who.serverUrl, who.user.id), this, [](Result<void>) {});
    showLogin(who.serverUrl, {});
}

void ConsoleController::openSettings()
{
    SettingsDialog dialog(m_window.get());
    dialog.setLanguage(m_options.language.isEmpty() ? m_settings.language() : m_options.language);
    dialog.setNotificationsEnabled(m_settings.notificationsEnabled());
    dialog.setEnterSends(m_settings.enterSends());
    dialog.setTokenStorageText(
        m_local ? tr("Local mode signs in by itself.")
        : m_tokens->usesFallbackFile()
            ? tr("No keychain service answers, so your session is kept in a file only you can read: %1")
                  .arg(QDir::toNativeSeparators(m_tokens->fallbackFilePath()))
            : tr("Your session is kept in the system keychain."));
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_settings.setNotificationsEnabled(dialog.notificationsEnabled());
    m_window->notifications()->setEnabled(dialog.notificationsEnabled());
    m_settings.setEnterSends(dialog.enterSends());
    m_window->conversation()->composer()->setEnterSends(dialog.enterSends());
    if (dialog.language() != m_settings.language() || !m_options.language.isEmpty()) {
        m_settings.setLanguage(dialog.language());
        m_options.language.clear(); // the settings decide from now on
        m_language.use(dialog.language());
        retranslate();
    }
}

void ConsoleController::retranslate()
{
    if (m_local) {
        // The API lists no groups: the board learns the demo's from local mode.
        const DemoOrg &org = m_local->demoOrg();
        QList<UserId> agents;
        for (const DemoUser &agent : org.agents())
            agents.append(agent.userId);
        m_window->board()->setKnownGroups({Group{org.groupId, org.orgId, demo::groupName(), agents}});
        m_window->setMode(tr("Local mode: demo org"), true);
        if (m_deliveriesDock)
            m_deliveriesDock->setWindowTitle(tr("Webhook deliveries"));
    }
    fillAccountMenu();
}

void ConsoleController::updateDeliveriesPanel()
{
    // What automation received matters to whoever sets the org up, not to an agent at work.
    const bool wanted = m_local && m_session && roleSeesAllChatrooms(m_session->role());
    if (!wanted) {
        delete m_deliveriesDock;
        return;
    }
    if (m_deliveriesDock)
        return;
    m_deliveriesDock =
        m_window->addSidePanel(new WebhookDeliveriesPanel(m_local->webhookReceiver()),
                               tr("Webhook deliveries"), QStringLiteral("webhookDeliveriesDock"));
    m_deliveriesDock->setVisible(!m_settings.webhookPanelClosed());
    // Closed with its button or from the View menu: it stays closed, after a restart too, until shown again.
    m_deliveriesDock->installEventFilter(this);
    connect(m_deliveriesDock->toggleViewAction(), &QAction::triggered, this,
            [this](bool shown) { m_settings.setWebhookPanelClosed(!shown); });
}

bool ConsoleController::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_deliveriesDock && event->type() == QEvent::Close)
        m_settings.setWebhookPanelClosed(true);
    return QObject::eventFilter(watched, event);
}

void ConsoleController::rememberOpenChatroom()
{
    if (!m_session || !m_window)
        return;
    const ChatroomId open = m_window->conversation()->chatroomId();
    m_settings.setOpenChatroom({m_session->user().id, open,
                                open.isEmpty() ? QString() : m_window->conversation()->composer()->text()});
}

void ConsoleController::restoreOpenChatroom()
{
    const ConsoleSettings::OpenChatroom open = m_settings.openChatroom();
    if (open.chatroomId.isEmpty() || open.userId != m_session->user().id)
        return;
    m_window->openChatroom(open.chatroomId);
    Composer *composer = m_window->conversation()->composer();
    if (m_window->conversation()->chatroomId() == open.chatroomId && composer->text().isEmpty())
        composer->setText(open.draft);
}

void ConsoleController::showProblem(const QString &text)
{
    qCWarning(lcUi).noquote() << text;
    if (m_window)
        QMessageBox::warning(m_window.get(), tr("Handover"), text);
}

} // namespace handover::console
