#pragma once

#include "core/domain/chatroom.h"
#include "core/domain/event.h"
#include "core/domain/org.h"
#include "core/domain/richcontent.h"
#include "core/domain/template.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace handover::client {

// POST /v1/auth/login.
struct LoginSession
{
    QString token;
    QDateTime expiresAt;
    User user;
};

// One page of GET chatrooms; nextCursor is empty on the last page.
struct ChatroomPage
{
    QList<Chatroom> chatrooms;
    QString nextCursor;
};

struct ChatroomPageQuery
{
    View view = View::Mine;
    QString cursor;  // empty: the first page
    int limit = 500; // the server's maximum
};

// A row of GET users (supervisors and admins).
struct UserSummary
{
    User user;
    bool online = false;
    int activeChatrooms = 0;
};

// POST template-messages (STM). The flags default as on the server.
struct TemplateSend
{
    ChatroomId chatroomId;
    QString remoteTemplateId;
    QList<TemplateParamValue> params;
    bool bump = true;
    bool bumpResponse = true;
    bool relayResponse = false;
};

// Whom a chatroom is reassigned to: a user, or a group whose next member is picked (R21).
struct Assignee
{
    UserId userId;
    GroupId groupId;
    static Assignee user(UserId id) { return Assignee{std::move(id), {}}; }
    static Assignee group(GroupId id) { return Assignee{{}, std::move(id)}; }
};

// The answer to POST media: the upload, ready to go into a media message.
struct UploadedMedia
{
    QString id;
    QString mimeType;
    qint64 size = 0;
    QString filename;
    QString sha256; // hex

    // The file as a message's media shows it: ready, no caption yet.
    MediaAttachment attachment() const
    {
        MediaAttachment media;
        media.id = id;
        media.mimeType = mimeType;
        media.size = size;
        media.filename = filename;
        media.sha256 = sha256;
        media.status = MediaStatus::Ready;
        return media;
    }
};

// GET media/{id}: the file itself, or the server's JPEG thumbnail of an image (at most 320 px).
enum class MediaVariant
{
    Original,
    Thumbnail,
};

// The commands the console sends (and the outbox stores by name: "send_text", "send_template", "mark_read",
// "reassign", "send_media").
enum class CommandKind
{
    SendText,
    SendTemplate,
    MarkRead,
    Reassign,
    SendMedia, // POST messages with {type, media_id, caption}
};
QString commandKindName(CommandKind kind);
std::optional<CommandKind> commandKindFromName(const QString &name);

} // namespace handover::client
