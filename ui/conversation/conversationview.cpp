#include "ui/conversation/conversationview.h"

#include "client/mediadownloads.h"
#include "ui/conversation/bubblemedia.h"
#include "ui/conversation/bubblerich.h"
#include "ui/conversation/conversationdelegate.h"
#include "ui/conversation/conversationmodel.h"
#include "ui/media/thumbnailcache.h"

#include <QContextMenuEvent>
#include <QIdentityProxyModel>
#include <QMenu>
#include <QMouseEvent>
#include <QScrollBar>
#include <QTimer>

namespace handover {

// QAbstractItemView fetches more whenever its last row is visible: right for lists that grow downwards,
// wrong for a timeline that grows upwards. The view sees this proxy, which never offers more, and asks the
// model itself when the top is reached.
class TopFetchProxy final : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    bool canFetchMore(const QModelIndex &) const override { return false; }
    void fetchMore(const QModelIndex &) override {}
};

ConversationView::ConversationView(const Clock &clock, QWidget *parent)
    : QListView(parent)
    , m_delegate(new ConversationDelegate(clock, this))
    , m_proxy(new TopFetchProxy(this))
{
    setObjectName(QStringLiteral("conversationView"));
    setAccessibleName(tr("Conversation"));
    setItemDelegate(m_delegate);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSelectionMode(QAbstractItemView::NoSelection);
    setResizeMode(QListView::Adjust);
    setUniformItemSizes(false);
    setWordWrap(true);
    setFrameShape(QFrame::NoFrame);
    setMouseTracking(true); // the pointer becomes a hand over photos, files and links
    verticalScrollBar()->setSingleStep(fontMetrics().height());
    QListView::setModel(m_proxy);
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, &ConversationView::rangeChanged);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &ConversationView::valueChanged);
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeInserted, this, &ConversationView::rowsComing);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] {
        m_followBottom = true;
        m_keepFromBottom = -1;
        QTimer::singleShot(0, this, &ConversationView::fetchOlderIfAtTop);
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this,
            [this] { QTimer::singleShot(0, this, &ConversationView::fetchOlderIfAtTop); });
}

ConversationView::~ConversationView() = default;

void ConversationView::setConversationModel(QAbstractItemModel *model)
{
    m_source = model;
    m_proxy->setSourceModel(model);
}

bool ConversationView::isAtBottom() const
{
    return verticalScrollBar()->value() >= verticalScrollBar()->maximum();
}

void ConversationView::scrollToNewest()
{
    m_followBottom = true;
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}

void ConversationView::rowsComing(const QModelIndex &parent, int first, int)
{
    if (parent.isValid())
        return;
    m_followBottom = isAtBottom();
    if (first == 0 && m_proxy->rowCount() > 0 && !m_followBottom)
        m_keepFromBottom = verticalScrollBar()->maximum() - verticalScrollBar()->value();
}

void ConversationView::rangeChanged(int, int max)
{
    if (m_followBottom) {
        verticalScrollBar()->setValue(max);
    } else if (m_keepFromBottom >= 0) {
        verticalScrollBar()->setValue(max - m_keepFromBottom);
        m_keepFromBottom = -1;
    }
}

void ConversationView::valueChanged(int value)
{
    // A change of range clamps the value too; only a move of the user's says where they want to be.
    if (m_keepFromBottom < 0)
        m_followBottom = value >= verticalScrollBar()->maximum();
    if (value == verticalScrollBar()->minimum())
        fetchOlderIfAtTop();
}

void ConversationView::fetchOlderIfAtTop()
{
    if (!m_source || !isVisible())
        return;
    executeDelayedItemsLayout(); // the range must be the rows' before "at the top" means anything
    if (verticalScrollBar()->value() != verticalScrollBar()->minimum())
        return;
    if (m_source->canFetchMore({}))
        m_source->fetchMore({});
}

void ConversationView::resizeEvent(QResizeEvent *event)
{
    const bool atBottom = isAtBottom();
    QListView::resizeEvent(event);
    m_followBottom = atBottom; // rows re-wrap: stay with the newest if that is where we were
}

void ConversationView::setMediaSources(ThumbnailCache *thumbnails, client::MediaDownloads *downloads)
{
    for (const QMetaObject::Connection &c : std::as_const(m_mediaConnections))
        disconnect(c);
    m_mediaConnections.clear();
    m_openWhenDownloaded.clear();
    m_thumbnails = thumbnails;
    m_downloads = downloads;
    m_delegate->setMediaSources(thumbnails, downloads);
    QWidget *area = viewport();
    if (thumbnails) {
        m_mediaConnections << connect(thumbnails, &ThumbnailCache::thumbnailChanged, this,
                                      [area] { area->update(); });
        // A picture gives its bubble its shape: the rows are laid out again (once per turn of the event
        // loop), only when a shape is learned.
        m_mediaConnections << connect(thumbnails, &ThumbnailCache::pictureSizeLearned, this,
                                      [this] { scheduleDelayedItemsLayout(); });
    }
    if (downloads) {
        const auto repaint = [area] { area->update(); };
        m_mediaConnections << connect(downloads, &client::MediaDownloads::progressed, this, repaint);
        m_mediaConnections << connect(downloads, &client::MediaDownloads::failed, this, repaint);
        m_mediaConnections << connect(downloads, &client::MediaDownloads::finished, this,
                                      &ConversationView::downloadFinished);
    }
    scheduleDelayedItemsLayout();
}

void ConversationView::downloadFinished(const QString &mediaId, const QString &path)
{
    viewport()->update();
    if (m_openWhenDownloaded.remove(mediaId))
        Q_EMIT fileOpenRequested(path);
}

bool ConversationView::isRichPartAt(const QModelIndex &index, const QPoint &point) const
{
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    const BubbleLayout parts = m_delegate->layout(option, visualRect(index), index);
    if (parts.link.contains(point))
        return true;
    if (!parts.media.contains(point))
        return false;
    const QVariant media = index.data(MediaRole);
    return media.isValid() && media.value<MediaAttachment>().status == MediaStatus::Ready;
}

bool ConversationView::activateRichPart(const QModelIndex &index, const QPoint &point)
{
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    const BubbleLayout parts = m_delegate->layout(option, visualRect(index), index);
    const RichParts rich(index);
    if (parts.link.contains(point) && rich.location) {
        Q_EMIT linkRequested(BubbleRich::mapUrl(*rich.location));
        return true;
    }
    if (!parts.media.contains(point) || !rich.media || rich.media->status != MediaStatus::Ready)
        return false;
    const MediaAttachment &media = *rich.media;
    if (BubbleMedia::isPicture(MessageKind(index.data(KindRole).toInt()))) {
        if (m_thumbnails && m_thumbnails->state(media) == ThumbnailCache::State::Failed)
            m_thumbnails->retry(media);
        else
            Q_EMIT imageRequested(media);
        return true;
    }
    if (!m_downloads)
        return true;
    const client::DownloadState state = m_downloads->state(media.id);
    if (state.phase == client::DownloadState::Phase::Running)
        return true;
    m_openWhenDownloaded.insert(media.id);
    m_downloads->download(media); // a file already on disk finishes at once
    viewport()->update();
    return true;
}

void ConversationView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint point = event->position().toPoint();
    const QModelIndex index = indexAt(point);
    if (index.isValid() && isRichPartAt(index, point))
        viewport()->setCursor(Qt::PointingHandCursor);
    else
        viewport()->unsetCursor();
    QListView::mouseMoveEvent(event);
}

void ConversationView::mouseReleaseEvent(QMouseEvent *event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && index.isValid() &&
        activateRichPart(index, event->position().toPoint())) {
        event->accept();
        return;
    }
    if (index.isValid() && index.data(CanRetryRole).toBool()) {
        QStyleOptionViewItem option;
        initViewItemOption(&option);
        const BubbleLayout parts = m_delegate->layout(option, visualRect(index), index);
        if (parts.retry.contains(event->position().toPoint())) {
            Q_EMIT retryRequested(index.data(LocalIdRole).toLongLong());
            event->accept();
            return;
        }
        if (parts.edit.contains(event->position().toPoint())) {
            Q_EMIT editRequested(index.data(LocalIdRole).toLongLong());
            event->accept();
            return;
        }
    }
    QListView::mouseReleaseEvent(event);
}

void ConversationView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index = indexAt(event->pos());
    if (!index.isValid() || !index.data(CanRetryRole).toBool())
        return;
    QMenu menu(this);
    const qint64 localId = index.data(LocalIdRole).toLongLong();
    QAction *retry = menu.addAction(tr("Retry sending"));
    connect(retry, &QAction::triggered, this, [this, localId] { Q_EMIT retryRequested(localId); });
    if (index.data(CanEditRole).toBool()) {
        QAction *edit = menu.addAction(tr("Edit in the composer"));
        connect(edit, &QAction::triggered, this, [this, localId] { Q_EMIT editRequested(localId); });
    }
    menu.exec(event->globalPos());
}

} // namespace handover
