#include "client/snapshotloader.h"

#include "core/logging.h"

namespace handover::client {

SnapshotLoader::SnapshotLoader(ApiClient &api, ChatroomCache &cache, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_cache(cache)
{}

void SnapshotLoader::start(qint64 snapshotSeq)
{
    ++m_generation;
    m_running = true;
    m_snapshotSeq = snapshotSeq;
    m_loaded = 0;
    m_view = roleSeesAllChatrooms(m_cache.identity().role) ? View::All : View::Mine;
    qCInfo(lcSync) << "loading the snapshot of view" << viewName(m_view) << "at seq" << snapshotSeq;
    requestPage({});
}

void SnapshotLoader::cancel()
{
    ++m_generation;
    m_running = false;
}

void SnapshotLoader::requestPage(const QString &cursor)
{
    const quint64 generation = m_generation;
    m_api.listChatrooms(ChatroomPageQuery{m_view, cursor, m_pageSize}, this,
                        [this, generation](ApiResult<ChatroomPage> page) {
                            if (generation != m_generation)
                                return; // cancelled or restarted meanwhile
                            if (!page) {
                                m_running = false;
                                Q_EMIT failed(page.error().message(), page.error().isRetryable());
                                return;
                            }
                            if (Result<void> stored = m_cache.loadSnapshot(page->chatrooms, m_snapshotSeq);
                                !stored) {
                                m_running = false;
                                Q_EMIT failed(stored.error().description, true);
                                return;
                            }
                            m_loaded += page->chatrooms.size();
                            if (!page->nextCursor.isEmpty()) {
                                requestPage(page->nextCursor);
                                return;
                            }
                            m_running = false;
                            qCInfo(lcSync) << "snapshot loaded:" << m_loaded << "chatrooms";
                            Q_EMIT finished(m_snapshotSeq, m_loaded);
                        });
}

} // namespace handover::client
