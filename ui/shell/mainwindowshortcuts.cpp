// The shortcut sheet's content: the menus' own shortcuts, then the keys of the views.
#include "ui/board/supervisorboard.h"
#include "ui/conversation/composer.h"
#include "ui/conversation/conversationpane.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/shortcutsheet.h"

#include <QMenu>
#include <QRegularExpression>

namespace handover {

namespace {

// "&Search chatrooms…" → "Search chatrooms".
QString plain(QString text)
{
    text.remove(QRegularExpression(QStringLiteral("&(?=[^&])")));
    if (text.endsWith(QChar(0x2026)))
        text.chop(1);
    return text;
}

} // namespace

QList<ShortcutEntry> MainWindow::shortcutEntries() const
{
    QList<ShortcutEntry> entries;
    for (const QMenu *menu : {m_fileMenu, m_viewMenu, m_goMenu, m_helpMenu}) {
        for (const QAction *action : menu->actions()) {
            if (action->isVisible() && !action->shortcuts().isEmpty())
                entries.append({plain(menu->title()), action->shortcuts(), {}, plain(action->text())});
        }
    }

    const QString lists = tr("Chatroom list");
    entries.append({lists,
                    {},
                    tr("Up, Down, Page Up, Page Down, Home, End"),
                    tr("Move through the list; the chatroom opens")});
    entries.append({lists, {}, tr("Enter"), tr("Open the chatroom and write to it")});

    const QString search = tr("Search box");
    entries.append({search, {}, tr("Down"), tr("Go to the results and open the first")});
    entries.append({search, {}, tr("Enter"), tr("Open the first result and write to it")});
    entries.append({search, {}, tr("Esc"), tr("Clear the search")});

    const QString writing = tr("Writing");
    if (m_conversation->composer()->enterSends()) {
        entries.append({writing, {}, tr("Enter"), tr("Send the message")});
        entries.append({writing, {}, tr("Shift+Enter"), tr("Start a new line")});
    } else {
        entries.append({writing, {}, tr("Enter"), tr("Start a new line")});
    }
    entries.append(
        {writing, {}, tr("Ctrl+Enter"), tr("Send the message, whatever Enter does (see Settings)")});

    if (m_boardAction->isVisible()) {
        const QString board = tr("Supervisor board");
        const QAction *reassign = m_board->reassignAction();
        entries.append({board, reassign->shortcuts(), {}, tr("Reassign the selected cards")});
        entries.append({board, {}, tr("Enter"), tr("Open the selected card's chatroom")});
    }
    return entries;
}

ShortcutSheet *MainWindow::showShortcuts()
{
    if (!m_shortcutSheet) {
        m_shortcutSheet = new ShortcutSheet(this);
        m_shortcutSheet->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_shortcutSheet->setEntries(shortcutEntries());
    m_shortcutSheet->show();
    m_shortcutSheet->raise();
    m_shortcutSheet->activateWindow();
    return m_shortcutSheet;
}

} // namespace handover
