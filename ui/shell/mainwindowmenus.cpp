#include "ui/conversation/composer.h"
#include "ui/conversation/conversationpane.h"
#include "ui/shell/chatroomlistpane.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/notificationcenter.h"

#include <QActionGroup>
#include <QApplication>
#include <QMenuBar>
#include <QMessageBox>
#include <QToolButton>

namespace handover {

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_accountMenu = m_fileMenu->addMenu(QString());
    m_accountMenu->setObjectName(QStringLiteral("accountMenu"));
    m_connectAction = m_fileMenu->addAction(QString(), this, &MainWindow::connectToServerRequested);
    m_connectAction->setObjectName(QStringLiteral("connectToServerAction"));
    m_connectButton->setDefaultAction(m_connectAction);
    m_signOutAction = m_fileMenu->addAction(QString(), this, &MainWindow::signOutRequested);
    m_signOutAction->setObjectName(QStringLiteral("signOutAction"));
    m_fileMenu->addSeparator();
    m_settingsAction = m_fileMenu->addAction(QString(), this, &MainWindow::settingsRequested);
    m_settingsAction->setObjectName(QStringLiteral("settingsAction"));
    m_settingsAction->setShortcut(QKeySequence::Preferences);
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    m_fileMenu->addSeparator();
    m_quitAction = m_fileMenu->addAction(QString(), qApp, &QApplication::quit);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);

    m_viewMenu = menuBar()->addMenu(QString());
    auto *pages = new QActionGroup(this);
    m_chatsAction = m_viewMenu->addAction(QString(), this, [this] { showBoard(false); });
    m_chatsAction->setObjectName(QStringLiteral("showChatsAction"));
    m_chatsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    m_boardAction = m_viewMenu->addAction(QString(), this, [this] { showBoard(true); });
    m_boardAction->setObjectName(QStringLiteral("showBoardAction"));
    m_boardAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    for (QAction *action : {m_chatsAction, m_boardAction}) {
        action->setCheckable(true);
        pages->addAction(action);
    }
    m_chatsAction->setChecked(true);
    m_viewMenu->addSeparator();
    auto *views = new QActionGroup(this);
    int key = Qt::Key_1;
    for (View view : {View::Mine, View::AwaitingHandover, View::All}) {
        QAction *action = m_viewMenu->addAction(QString(), this, [this, view] {
            showBoard(false);
            m_list->setView(view);
        });
        action->setData(viewName(view));
        action->setCheckable(true);
        action->setShortcut(QKeySequence(Qt::ALT | Qt::Key(key++)));
        views->addAction(action);
        m_viewActions << action;
    }
    connect(m_list, &ChatroomListPane::viewChanged, this, [this] { updateRoleParts(); });

    m_goMenu = menuBar()->addMenu(QString());
    m_nextAction = m_goMenu->addAction(QString(), this, [this] { m_list->selectNext(); });
    m_nextAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_PageDown), QKeySequence(Qt::ALT | Qt::Key_Down)});
    m_previousAction = m_goMenu->addAction(QString(), this, [this] { m_list->selectPrevious(); });
    m_previousAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_PageUp), QKeySequence(Qt::ALT | Qt::Key_Up)});
    m_nextUnreadAction = m_goMenu->addAction(QString(), this, [this] {
        showBoard(false);
        m_list->selectNextUnread();
    });
    m_nextUnreadAction->setObjectName(QStringLiteral("nextUnreadAction"));
    // Not Ctrl+U: Qt's text fields on Linux take it for "delete the line".
    m_nextUnreadAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_U));
    m_goMenu->addSeparator();
    m_searchAction = m_goMenu->addAction(QString(), this, [this] {
        showBoard(false);
        m_list->focusSearch();
    });
    m_searchAction->setShortcut(QKeySequence::Find);
    m_composeAction = m_goMenu->addAction(QString(), this, [this] { m_conversation->focusComposer(); });
    m_composeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_templateAction = m_goMenu->addAction(QString(), this, [this] { m_conversation->openTemplateDialog(); });
    m_templateAction->setObjectName(QStringLiteral("templateAction"));
    m_templateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_attachAction =
        m_goMenu->addAction(QString(), this, [this] { m_conversation->composer()->chooseFile(); });
    m_attachAction->setObjectName(QStringLiteral("attachAction"));
    m_attachAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    for (QAction *action : {m_nextAction, m_previousAction, m_nextUnreadAction, m_searchAction,
                            m_composeAction, m_templateAction, m_attachAction})
        action->setShortcutContext(Qt::WindowShortcut);

    m_helpMenu = menuBar()->addMenu(QString());
    m_shortcutsAction = m_helpMenu->addAction(QString(), this, [this] { showShortcuts(); });
    m_shortcutsAction->setObjectName(QStringLiteral("shortcutsAction"));
    m_shortcutsAction->setShortcuts({QKeySequence(Qt::Key_F1), QKeySequence(Qt::CTRL | Qt::Key_Slash)});
    m_shortcutsAction->setShortcutContext(Qt::WindowShortcut);
    m_aboutAction = m_helpMenu->addAction(QString(), this, [this] {
        QMessageBox::about(
            this, tr("About Handover"),
            tr("<h3>Handover %1</h3><p>The agent console for WhatsApp Business chat automation.</p>"
               "<p>Press F1 for the keyboard shortcuts.</p>")
                .arg(QApplication::applicationVersion()));
    });
    m_aboutAction->setMenuRole(QAction::AboutRole);

    auto *trayMenu = new QMenu(this);
    m_showWindowAction = trayMenu->addAction(QString(), this, &MainWindow::bringToFront);
    trayMenu->addAction(m_nextUnreadAction);
    trayMenu->addSeparator();
    trayMenu->addAction(m_quitAction);
    m_notifications->setTrayMenu(trayMenu);
}

void MainWindow::retranslate()
{
    m_fileMenu->setTitle(tr("&File"));
    m_accountMenu->setTitle(tr("S&witch user"));
    m_connectAction->setText(tr("&Connect to a server\u2026"));
    m_signOutAction->setText(tr("Sign &out"));
    m_settingsAction->setText(tr("&Settings\u2026"));
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_chatsAction->setText(tr("&Chats"));
    m_boardAction->setText(tr("Supervisor &board"));
    for (QAction *action : std::as_const(m_viewActions))
        if (const auto view = viewFromName(action->data().toString()))
            action->setText(viewTitle(*view));
    m_goMenu->setTitle(tr("&Go"));
    m_nextAction->setText(tr("&Next chatroom"));
    m_previousAction->setText(tr("&Previous chatroom"));
    m_nextUnreadAction->setText(tr("Next &unread chatroom"));
    m_searchAction->setText(tr("&Search chatrooms"));
    m_composeAction->setText(tr("&Write a message"));
    m_templateAction->setText(tr("Send a &template\u2026"));
    m_attachAction->setText(tr("Attach a &file\u2026"));
    m_helpMenu->setTitle(tr("&Help"));
    m_shortcutsAction->setText(tr("&Keyboard shortcuts"));
    m_aboutAction->setText(tr("&About Handover"));
    m_showWindowAction->setText(tr("Show Handover"));
}

} // namespace handover
