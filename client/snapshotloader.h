#pragma once

#include "client/apiclient.h"
#include "client/chatroomcache.h"

#include <QObject>

namespace handover::client {

// After a sync `reset`: reads every page of the user's chatrooms over HTTP (GET chatrooms, `view=all` for
// supervisors and admins, whose All view holds the awaiting-handover ones too; `view=mine` for members) and
// writes each page into the cache as it arrives, so memory stays at one page however large the org.
class SnapshotLoader : public QObject
{
    Q_OBJECT

public:
    SnapshotLoader(ApiClient &api, ChatroomCache &cache, QObject *parent = nullptr);

    // Starts over; an earlier load still running is abandoned (its answers are ignored).
    void start(qint64 snapshotSeq);
    void cancel();
    bool isRunning() const { return m_running; }
    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows) { m_pageSize = rows; }

Q_SIGNALS:
    void finished(qint64 snapshotSeq, qsizetype chatrooms);
    // An HTTP or cache error; `retryable` false for one that trying again will not cure (a 4xx).
    void failed(const QString &reason, bool retryable);

private:
    void requestPage(const QString &cursor);

    ApiClient &m_api;
    ChatroomCache &m_cache;
    View m_view = View::Mine;
    qint64 m_snapshotSeq = 0;
    quint64 m_generation = 0;
    qsizetype m_loaded = 0;
    int m_pageSize = 500;
    bool m_running = false;
};

} // namespace handover::client
