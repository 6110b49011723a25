#pragma once

#include "core/domain/ids.h"

#include <QDateTime>
#include <QList>
#include <QStringList>
#include <optional>

namespace handover {

// The parts of a message besides its text that WhatsApp carries: media, a location, shared contacts, the
// answer to an interactive list or button, and the reactions a message received.

// A media file's progress on the server: an inbound file is Pending until it has been fetched from the Graph
// API and checked, then Ready (or Failed when it cannot be had); an agent's upload is Ready at once.
enum class MediaStatus
{
    Pending,
    Ready,
    Failed
};
QString mediaStatusName(MediaStatus status);
std::optional<MediaStatus> mediaStatusFromName(const QString &name);

struct MediaAttachment
{
    QString id; // the server's media id: GET /v1/orgs/{orgId}/media/{id}
    QString mimeType;
    qint64 size = 0; // bytes; 0 while unknown
    QString filename;
    QString sha256; // hex
    QString caption;
    MediaStatus status = MediaStatus::Pending;
    bool voice = false; // an audio message recorded in WhatsApp (push to talk)
    QString waMediaId;  // Meta's id of an inbound file, which the server fetches it by; not on the API
    friend bool operator==(const MediaAttachment &, const MediaAttachment &) = default;
};

struct Location
{
    double latitude = 0;
    double longitude = 0;
    QString name;
    QString address;
    friend bool operator==(const Location &, const Location &) = default;
};

struct SharedContact
{
    QString name; // the formatted name
    QStringList phones;
    friend bool operator==(const SharedContact &, const SharedContact &) = default;
};

// A customer's choice in an interactive message: a row of a list ("list_reply") or a reply button
// ("button_reply").
struct InteractiveReply
{
    QString type; // "list_reply" | "button_reply"
    QString id;
    QString title;
    QString description;
    friend bool operator==(const InteractiveReply &, const InteractiveReply &) = default;
};

// A reaction shown under the message it reacts to. One per reacting party: a new emoji replaces theirs, an
// empty one removes it.
struct Reaction
{
    QString emoji;
    QString from; // "customer", or the user id of an agent
    QDateTime at;
    friend bool operator==(const Reaction &, const Reaction &) = default;
};

// `reactions` with `reaction` applied: replaces the reacting party's earlier one, or removes it when the
// emoji is empty.
QList<Reaction> withReaction(QList<Reaction> reactions, const Reaction &reaction);

// Media kinds and the largest file of each that WhatsApp carries (bytes).
inline constexpr qint64 kMaxImageBytes = 5 * 1024 * 1024;
inline constexpr qint64 kMaxAudioVideoBytes = 16 * 1024 * 1024;
inline constexpr qint64 kMaxDocumentBytes = 100 * 1024 * 1024;
inline constexpr qint64 kMaxStickerBytes = 500 * 1024;
inline constexpr int kMaxCaptionLength = 1024;

// The largest upload an agent may send of a media type: 5 MB for images, 16 MB for audio and video, 100 MB
// for documents (anything else).
qint64 maxUploadBytes(const QString &mimeType);

} // namespace handover
