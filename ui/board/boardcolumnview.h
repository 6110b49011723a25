#pragma once

#include <QFrame>

QT_BEGIN_NAMESPACE
class QAbstractItemDelegate;
class QLabel;
class QListView;
QT_END_NAMESPACE

namespace handover {

class BoardColumnModel;

// One column of the supervisor board on screen: a header (the agent's or group's name, whether the agent is
// online, how many chatrooms the column holds) over a list of chatroom cards. Columns are at least wide
// enough for a card and share the board's width beyond that. The list is a QListView of uniform rows over the
// column's own model, so a column of thousands of cards is one widget, and the header changes only when
// this column's rows or agent do.
class BoardColumnView final : public QFrame
{
    Q_OBJECT

public:
    // The delegate paints the cards; neither it nor the model is owned.
    BoardColumnView(BoardColumnModel *model, QAbstractItemDelegate *delegate, QWidget *parent = nullptr);
    ~BoardColumnView() override;

    BoardColumnModel *model() const { return m_model; }
    QListView *list() const { return m_list; }
    QString title() const;        // the agent's or group's name, or "Awaiting handover"
    QString presenceText() const; // "Online", "Offline", or what the awaiting column waits for
    QString countText() const;    // "3 chatrooms"

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateHeader();
    void updateWidth();

    BoardColumnModel *m_model;
    QLabel *m_title;
    QLabel *m_presence;
    QLabel *m_count;
    QListView *m_list;
};

} // namespace handover
