#include "ui/shell/shortcutsheet.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace handover {

ShortcutSheet::ShortcutSheet(QWidget *parent)
    : QDialog(parent)
    , m_tree(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("shortcutSheet"));
    setWindowTitle(tr("Keyboard shortcuts"));
    m_tree->setObjectName(QStringLiteral("shortcutList"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Keys"), tr("What they do")});
    m_tree->setRootIsDecorated(false);
    m_tree->setSelectionMode(QAbstractItemView::NoSelection);
    m_tree->setFocusPolicy(Qt::StrongFocus); // read with the arrow keys and a screen reader
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setAccessibleName(tr("Keyboard shortcuts"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tree, 1);
    layout->addWidget(buttons);
    // Wide enough for the longest line, tall enough for most sheets without scrolling.
    resize(fontMetrics().averageCharWidth() * 110, fontMetrics().height() * 44);
}

ShortcutSheet::~ShortcutSheet() = default;

QString ShortcutSheet::keysText(const ShortcutEntry &entry)
{
    if (entry.keys.isEmpty())
        return entry.keysText;
    QStringList texts;
    for (const QKeySequence &keys : entry.keys)
        texts.append(keys.toString(QKeySequence::NativeText));
    return texts.join(QStringLiteral(" / "));
}

void ShortcutSheet::setEntries(const QList<ShortcutEntry> &entries)
{
    m_entries = entries;
    m_tree->clear();
    QTreeWidgetItem *heading = nullptr;
    for (const ShortcutEntry &entry : entries) {
        if (!heading || heading->text(0) != entry.section) {
            heading = new QTreeWidgetItem(m_tree, {entry.section});
            QFont bold = heading->font(0);
            bold.setBold(true);
            heading->setFont(0, bold);
            heading->setFirstColumnSpanned(true);
        }
        new QTreeWidgetItem(m_tree, {keysText(entry), entry.what});
    }
}

QStringList ShortcutSheet::keyTexts() const
{
    QStringList texts;
    for (const ShortcutEntry &entry : m_entries)
        texts.append(keysText(entry));
    return texts;
}

} // namespace handover
