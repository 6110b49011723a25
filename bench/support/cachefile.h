#pragma once

#include "client/chatroomcache.h"
#include "core/result.h"

#include <QString>
#include <functional>

namespace handover::bench {

struct CacheFileShape
{
    int chatrooms = 100'000;
    int messagesPerChatroom = 10;
};

// The identity of the generated caches: a MEMBER who participates in every chatroom, so that the whole file
// is their Mine view.
client::CacheIdentity benchCacheIdentity();

// Writes a console cache file at `path` (created, or added to) through ChatroomCache itself, so the schema
// and the stored forms are the real ones: the chatrooms of a snapshot, then their messages as fetched
// history, in transactions of 10,000 rows, and the sync position after them. `progress` is told the rows
// written.
Result<void> writeCacheFile(const QString &path, const CacheFileShape &shape,
                            const std::function<void(qint64 chatrooms, qint64 messages)> &progress = {});

} // namespace handover::bench
