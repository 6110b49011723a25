#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>
#include <QUrlQuery>
#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace handover::testing {

// One request the server sent to the Graph API.
struct RecordedRequest
{
    QByteArray method; // GET, POST...
    QString path;
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const; // case-insensitive; empty when absent
    QJsonObject json() const;                        // the body as a JSON object ({} when it is none)
    QString describe() const;                        // "POST /v21.0/... {body...}" for failure messages
};

// One part of a multipart/form-data body.
struct FormPart
{
    QByteArray name;
    QByteArray filename;
    QByteArray contentType;
    QByteArray body;
};
// The parts of a multipart/form-data request; empty when the body is not one.
QList<FormPart> formParts(const RecordedRequest &request);

// Plays Meta's Graph API on loopback for one WhatsApp phone and records every request the server sends it.
// Its answers are Meta's published samples (tests/data/meta/graph) with fresh ids:
// - GET /{version}/{phone-number-id}: the phone number node, only to the phone's access token;
// - POST /{version}/{phone-number-id}/messages: the send answer with a new wamid and `message_status`;
// - POST /{version}/{phone-number-id}/media (multipart/form-data with a `file` part): `{id}` of the stored
// file;
// - GET /{version}/{media-id}: the media metadata (`file_size` a decimal string, as Meta writes it);
// - GET /whatsapp_business/attachments/?mid={media-id} with the bearer: the bytes, with their Content-Type.
// Anything else, or a wrong bearer, gets Meta's error body.
class GraphRecorder : public QObject
{
    Q_OBJECT
public:
    GraphRecorder(QString samplesDir, QString phoneNumberId, QString accessToken);
    ~GraphRecorder() override;

    bool listen();
    QUrl url() const; // http://127.0.0.1:<port>, the server's --graph-url
    QString errorString() const { return m_error; }

    // Media the customer sent: served under `mediaId` from now on. Returns the download URL.
    QUrl addMedia(const QString &mediaId, const QByteArray &mimeType, const QByteArray &bytes);
    QUrl downloadUrl(const QString &mediaId) const;
    QByteArray mediaBytes(const QString &mediaId) const { return m_media.value(mediaId).bytes; }

    QList<RecordedRequest> requests() const { return m_requests; }
    // The requests whose method is `method` and whose path matches `pathPattern` (a regular expression).
    QList<RecordedRequest> requestsTo(const QByteArray &method, const QString &pathPattern) const;
    QList<RecordedRequest> sends() const;   // POST /{version}/{phone-number-id}/messages
    QList<RecordedRequest> uploads() const; // POST /{version}/{phone-number-id}/media
    // The wamid the recorder answered send number `index` (0-based) with; empty when it refused it.
    QString sentWaId(qsizetype index) const { return m_sentWaIds.value(index); }
    // The media id the recorder answered upload number `index` with; empty when it refused it.
    QString uploadedId(qsizetype index) const { return m_uploadIds.value(index); }
    // Request number `index` of sends() (uploads()) once it came, within `timeoutMs`; an empty one when it
    // never did.
    RecordedRequest awaitSend(qsizetype index, int timeoutMs);
    RecordedRequest awaitUpload(qsizetype index, int timeoutMs);
    // How upload number `index` differs from Meta's form (POST /v21.0/{phone-number-id}/media with the
    // phone's token, parts messaging_product=whatsapp, type=<mime type> and file with its filename,
    // Content-Type and these bytes); empty when it does not.
    QStringList uploadProblems(qsizetype index, const QByteArray &mimeType, const QString &filename,
                               const QByteArray &bytes) const;

private:
    struct Media
    {
        QByteArray mimeType;
        QByteArray bytes;
    };

    void handle(const QHttpServerRequest &request, QHttpServerResponder &responder);
    QJsonObject sample(const QString &name) const;
    bool bearerIsRight(const RecordedRequest &request) const;
    QString newNumericId();

    QString m_samplesDir;
    QString m_phoneNumberId;
    QString m_accessToken;
    std::unique_ptr<QHttpServer> m_http;
    quint16 m_port = 0;
    QString m_error;
    QList<RecordedRequest> m_requests;
    QStringList m_sentWaIds;
    QStringList m_uploadIds;
    QHash<QString, Media> m_media;
    quint64 m_nextId = 5550000000001;
};

} // namespace handover::testing
