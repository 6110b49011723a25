#pragma once

#include <QDialog>
#include <QKeySequence>

class QTreeWidget;

namespace handover {

// One line of the shortcut sheet: the keys and what they do, under a heading ("Go", "Writing").
struct ShortcutEntry
{
    QString section;
    QList<QKeySequence> keys; // empty when `keysText` says it in words
    QString keysText;         // for keys that are no QKeySequence ("Down, Enter" in the search box)
    QString what;
};

// Every keyboard shortcut of the console on one page (F1 or Ctrl+/): the menus' shortcuts, read from their
// actions so the sheet never lists a key the window does not have, and the keys that live in the views
// (the composer, the search box, the board). Keys are shown in the platform's words ("Strg+F" in German).
class ShortcutSheet final : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutSheet(QWidget *parent = nullptr);
    ~ShortcutSheet() override;

    void setEntries(const QList<ShortcutEntry> &entries);
    QList<ShortcutEntry> entries() const { return m_entries; }
    // The keys column, one text per entry, as shown.
    QStringList keyTexts() const;

    static QString keysText(const ShortcutEntry &entry);

private:
    QTreeWidget *m_tree;
    QList<ShortcutEntry> m_entries;
};

} // namespace handover
