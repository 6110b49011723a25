#pragma once

#include "client/apierror.h"
#include "client/apitypes.h"
#include "core/domain/message.h"

#include <QObject>
#include <QTimer>

namespace handover::client {

class ApiClient;

// A file the user chose to send, as the console sends it: its media type from its name and contents
// (QMimeDatabase), and the kind of message that carries it.
struct Attachment
{
    enum class Problem
    {
        None,
        Unreadable, // missing, a folder, or not readable
        Empty,
        TooLarge, // over WhatsApp's limit for its type: `limit` bytes
    };
    QString path;
    QString fileName;
    QString mimeType;
    qint64 size = 0;
    MessageKind kind = MessageKind::Document;
    Problem problem = Problem::None;
    qint64 limit = 0; // the largest file of this type WhatsApp takes

    // Looks at the file at `path` and says whether it can be sent.
    static Attachment fromFile(const QString &path);
};

// The message kind a file goes out as: images WhatsApp shows as photos (JPEG, PNG) as Image, the audio and
// video formats it plays as Audio and Video, anything else as a Document.
MessageKind mediaKindFor(const QString &mimeType);

// One upload (POST media) of an Attachment, with its progress. A busy server (503 with Retry-After: it takes
// two uploads at a time) or a lost connection is tried again, up to kAttempts times in all; any other
// refusal fails at once.
class MediaUpload : public QObject
{
    Q_OBJECT

public:
    static constexpr int kAttempts = 4;

    // `api` must outlive this. Nothing goes out before start().
    MediaUpload(ApiClient &api, Attachment attachment, QObject *parent = nullptr);
    ~MediaUpload() override;

    const Attachment &attachment() const { return m_attachment; }
    void start();
    bool isRunning() const { return m_running; }
    qint64 sent() const { return m_sent; }
    // What the server answered, once uploaded() was emitted.
    const std::optional<UploadedMedia> &result() const { return m_result; }

Q_SIGNALS:
    void progressed(qint64 sent, qint64 total);
    void uploaded(const handover::client::UploadedMedia &media);
    void failed(const handover::client::ApiError &error);

private:
    void attempt();
    void answered(const ApiResult<UploadedMedia> &answer);

    ApiClient &m_api;
    Attachment m_attachment;
    QTimer m_retry;
    int m_attempts = 0;
    qint64 m_sent = 0;
    bool m_running = false;
    std::optional<UploadedMedia> m_result;
};

} // namespace handover::client
