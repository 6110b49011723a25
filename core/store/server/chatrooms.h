#pragma once

#include "core/domain/chatroom.h"
#include "core/domain/event.h"
#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <optional>

// Chatrooms with their participants, pending handover, sort key and last message (RULES.md "Chatroom state
// kept by the server"), and the lists of the views (R20).
namespace handover::store::server {

// ---- one chatroom

// NotFound for an unknown id and for another org's chatroom.
Result<Chatroom> chatroomById(QSqlDatabase &db, const OrgId &orgId, const ChatroomId &chatroomId);
// Whatever org it belongs to (a delivery status names a message, not an org); nullopt when unknown.
Result<std::optional<Chatroom>> findChatroom(QSqlDatabase &db, const ChatroomId &chatroomId);
// R13: the org's active chatrooms with this customer phone, whatever contact and WABA phone they belong to.
Result<QList<Chatroom>> activeChatroomsOfPhone(QSqlDatabase &db, const OrgId &orgId,
                                               const QString &customerPhone);
// R12, R13b: the one active chatroom of a customer phone on a WABA phone, if any. remote_phone_id is unique
// server-wide, so this needs no org.
Result<std::optional<Chatroom>> activeChatroomOn(QSqlDatabase &db, const QString &customerPhone,
                                                 const QString &remotePhoneId);
// R16: every chatroom of a contact, newest first.
Result<QList<Chatroom>> chatroomsOfContact(QSqlDatabase &db, const OrgId &orgId, const ContactId &contactId);

// Inserts or updates the chatroom and makes its participants exactly chatroom.participants. The WABA phone is
// found by remotePhoneId within the chatroom's org (remoteWabaId is read back from it, never stored).
// A second active chatroom on the same (customer phone, WABA phone) is UniqueConstraintFailed (R13); an id
// that belongs to another org is NotFound. Participants load in join order (joined_at, then user id).
Result<void> saveChatroom(QSqlDatabase &db, const Chatroom &chatroom, const QDateTime &now);

// ---- lists (R20)

// Where a page ended: the last row's sort key and id. Opaque to clients.
struct ChatroomCursor
{
    SortKey sortKey;
    ChatroomId id;
    friend bool operator==(const ChatroomCursor &, const ChatroomCursor &) = default;
};
QString encodeChatroomCursor(const ChatroomCursor &cursor);
// BadRequest naming "cursor" when the text is not a cursor of ours.
Result<ChatroomCursor> decodeChatroomCursor(const QString &text);

inline constexpr int kMaxChatroomPage = 500;

struct ChatroomPageRequest
{
    OrgId orgId;
    View view = View::All;
    UserId userId;  // whose Mine view
    int limit = 50; // 1..kMaxChatroomPage, clamped
    QString cursor; // empty: the first page
};

struct ChatroomPage
{
    QList<Chatroom> chatrooms;
    QString nextCursor; // empty on the last page
};

// A page of a view ordered by sort key descending (bumped_at desc, bump_seq desc), equal keys by id; the
// next page starts strictly after the cursor, so rows bumped meanwhile move to the first page rather than
// repeat.
Result<ChatroomPage> listChatrooms(QSqlDatabase &db, const ChatroomPageRequest &request);

// ---- lifecycle (R12)

// Chatrooms that are due a lifecycle change at `at` (an active or deactivated one past its org's
// expire_after_days since creation, or an active one past deactivate_after_days since the last customer
// message or creation), in id order after `afterId` (empty: from the start), at most `limit`.
Result<QList<Chatroom>> chatroomsDueForLifecycle(QSqlDatabase &db, const QDateTime &at,
                                                 const ChatroomId &afterId, int limit);

} // namespace handover::store::server
