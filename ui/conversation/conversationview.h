#pragma once

#include <QListView>

namespace handover {

class Clock;
class ConversationDelegate;

// The timeline: one ConversationDelegate bubble per row, scrolled by pixel. It stays at the bottom while new
// messages arrive if it was there, keeps what is on screen in place when older pages come in above, and asks
// the model for older messages when the top is reached (not at the bottom, where QAbstractItemView would).
// A click on a failed send's Retry link, or its context menu, asks to queue it again; its Edit link asks for
// its words back in the composer.
class ConversationView final : public QListView
{
    Q_OBJECT

public:
    explicit ConversationView(const Clock &clock, QWidget *parent = nullptr);
    ~ConversationView() override;

    // The model to show (a ConversationModel); the view reads it through a thin proxy of its own.
    void setConversationModel(QAbstractItemModel *model);
    QAbstractItemModel *conversationModel() const { return m_source; }
    bool isAtBottom() const;
    void scrollToNewest();

Q_SIGNALS:
    void retryRequested(qint64 localId);
    void editRequested(qint64 localId);

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void rowsComing(const QModelIndex &parent, int first, int last);
    void rangeChanged(int min, int max);
    void valueChanged(int value);
    void fetchOlderIfAtTop();

    ConversationDelegate *m_delegate = nullptr;
    QAbstractItemModel *m_source = nullptr;
    class TopFetchProxy *m_proxy = nullptr;
    bool m_followBottom = true; // was at the bottom before the last change
    int m_keepFromBottom = -1;  // rows came in above: keep this distance from the bottom
};

} // namespace handover
