#pragma once

#include "core/domain/message.h"
#include "ui/conversation/richcontentmetatypes.h"

#include <QListView>
#include <QSet>

namespace handover {

class Clock;
class ConversationDelegate;
class ThumbnailCache;
namespace client {
class MediaDownloads;
}

// The timeline: one ConversationDelegate bubble per row, scrolled by pixel. It stays at the bottom while new
// messages arrive if it was there, keeps what is on screen in place when older pages come in above, and asks
// the model for older messages when the top is reached (not at the bottom, where QAbstractItemView would).
// A click on a failed send's Retry link, or its context menu, asks to queue it again; its Edit link asks for
// its words back in the composer. A click on a photo asks for the viewer; on a file's chip it downloads the
// file (the chip shows the progress) and then asks for it to be opened; on a place's link, for its map.
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
    // Pictures and downloads for the bubbles; null: placeholders only. Both must outlive the view or be
    // replaced first.
    void setMediaSources(ThumbnailCache *thumbnails, client::MediaDownloads *downloads);
    ConversationDelegate *bubbleDelegate() const { return m_delegate; }

Q_SIGNALS:
    void retryRequested(qint64 localId);
    void editRequested(qint64 localId);
    void imageRequested(const handover::MediaAttachment &media);
    // A file the user clicked is on disk: open it with the system's application.
    void fileOpenRequested(const QString &path);
    void linkRequested(const QUrl &url);

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void rowsComing(const QModelIndex &parent, int first, int last);
    void rangeChanged(int min, int max);
    void valueChanged(int value);
    void fetchOlderIfAtTop();
    // The media or the link under `point` acted on; false when there is none there.
    bool activateRichPart(const QModelIndex &index, const QPoint &point);
    bool isRichPartAt(const QModelIndex &index, const QPoint &point) const;
    void downloadFinished(const QString &mediaId, const QString &path);

    ConversationDelegate *m_delegate = nullptr;
    QAbstractItemModel *m_source = nullptr;
    class TopFetchProxy *m_proxy = nullptr;
    ThumbnailCache *m_thumbnails = nullptr;
    client::MediaDownloads *m_downloads = nullptr;
    QList<QMetaObject::Connection> m_mediaConnections;
    QSet<QString> m_openWhenDownloaded; // media ids the user clicked
    bool m_followBottom = true;         // was at the bottom before the last change
    int m_keepFromBottom = -1;          // rows came in above: keep this distance from the bottom
};

} // namespace handover
