#pragma once

#include "core/domain/message.h"
#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <optional>

// The media table: one row per file of a message. An inbound file is the media fetcher's work until it is
// ready or failed; an agent's upload is ready from the start and is joined to its message when sent.
namespace handover::store::server {

struct MediaRecord
{
    QString id;
    OrgId orgId;
    ChatroomId chatroomId; // empty for an upload not yet sent
    MessageId messageId;   // likewise
    Direction direction = Direction::In;
    QString remotePhoneId; // the WABA phone whose token fetches or sent it
    QString waMediaId;     // Meta's id: of the inbound file, or of the upload to Meta once made
    QString mimeType;
    qint64 size = 0;
    QString filename;
    QString sha256; // hex; for inbound files what Meta announced until the bytes are checked
    MediaStatus status = MediaStatus::Pending;
    int attempts = 0;
    QDateTime nextAttemptAt;
    QString lastError;
    QDateTime createdAt;
    friend bool operator==(const MediaRecord &, const MediaRecord &) = default;
};

Result<void> insertMedia(QSqlDatabase &db, const MediaRecord &media, const QDateTime &now);
Result<std::optional<MediaRecord>> mediaById(QSqlDatabase &db, const OrgId &orgId, const QString &mediaId);
// Inbound files due for a fetch at `at`, the most overdue first.
Result<QList<MediaRecord>> dueMediaFetches(QSqlDatabase &db, const QDateTime &at, int limit);
Result<void> recordMediaFetchFailure(QSqlDatabase &db, const QString &mediaId, const QString &error,
                                     const QDateTime &nextAttemptAt, const QDateTime &now);
// The file is stored and checked: ready, with its real size and hash.
Result<void> markMediaReady(QSqlDatabase &db, const QString &mediaId, qint64 size, const QString &sha256,
                            const QDateTime &now);
Result<void> markMediaFailed(QSqlDatabase &db, const QString &mediaId, const QString &error,
                             const QDateTime &now);
// An upload is sent as the media of `messageId`: it belongs to that message and chatroom from now on.
Result<void> attachMediaToMessage(QSqlDatabase &db, const QString &mediaId, const ChatroomId &chatroomId,
                                  const MessageId &messageId, const QDateTime &now);
// Meta's id of an upload, so a retried send does not upload the file again.
Result<void> setUploadedMediaId(QSqlDatabase &db, const QString &mediaId, const QString &waMediaId,
                                const QDateTime &now);

} // namespace handover::store::server
