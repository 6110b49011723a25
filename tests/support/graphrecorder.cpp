#include "tests/support/graphrecorder.h"

#include "tests/support/metasamples.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

namespace handover::testing {

namespace {

using Status = QHttpServerResponder::StatusCode;

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QByteArrayLiteral("GET");
    case QHttpServerRequest::Method::Post:
        return QByteArrayLiteral("POST");
    case QHttpServerRequest::Method::Put:
        return QByteArrayLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QByteArrayLiteral("DELETE");
    default:
        return QByteArrayLiteral("OTHER");
    }
}

// A parameter of a header value like `form-data; name="file"; filename="a.jpg"` or `...; boundary=xyz`.
QByteArray headerParameter(const QByteArray &value, const char *name)
{
    const QRegularExpression pattern(
        QStringLiteral("(?:^|;)\\s*%1=(\"([^\"]*)\"|[^;\\s]*)").arg(QLatin1String(name)),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(QString::fromLatin1(value));
    if (!match.hasMatch())
        return {};
    return (match.captured(1).startsWith(u'"') ? match.captured(2) : match.captured(1)).toLatin1();
}

FormPart readPart(const QByteArray &raw)
{
    FormPart part;
    const qsizetype headEnd = raw.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return part;
    for (const QByteArray &line : raw.left(headEnd).split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-disposition") {
            part.name = headerParameter(value, "name");
            part.filename = headerParameter(value, "filename");
        } else if (name == "content-type") {
            part.contentType = value;
        }
    }
    part.body = raw.mid(headEnd + 4);
    return part;
}

} // namespace

QByteArray RecordedRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonObject RecordedRequest::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QString RecordedRequest::describe() const
{
    const QString search = query.isEmpty() ? QString() : u'?' + query.toString();
    return QString::fromLatin1(method) + u' ' + path + search + u' ' + QString::fromUtf8(body.left(800));
}

QList<FormPart> formParts(const RecordedRequest &request)
{
    const QByteArray type = request.header("Content-Type");
    if (!type.toLower().startsWith("multipart/form-data"))
        return {};
    const QByteArray boundary = headerParameter(type, "boundary");
    if (boundary.isEmpty())
        return {};
    const QByteArray delimiter = "--" + boundary;
    QList<FormPart> parts;
    qsizetype at = request.body.indexOf(delimiter);
    while (at >= 0) {
        const qsizetype start = at + delimiter.size();
        if (request.body.mid(start, 2) == "--")
            break; // the closing delimiter
        const qsizetype next = request.body.indexOf(QByteArray("\r\n" + delimiter), start);
        if (next < 0)
            break;
        parts.append(readPart(request.body.mid(start + 2, next - start - 2)));
        at = next + 2;
    }
    return parts;
}

GraphRecorder::GraphRecorder(QString samplesDir, QString phoneNumberId, QString accessToken)
    : m_samplesDir(std::move(samplesDir))
    , m_phoneNumberId(std::move(phoneNumberId))
    , m_accessToken(std::move(accessToken))
    , m_http(std::make_unique<QHttpServer>())
{
    m_http->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        handle(request, responder);
    });
}

GraphRecorder::~GraphRecorder() = default;

bool GraphRecorder::listen()
{
    m_port = m_http->listen(QHostAddress::LocalHost, 0);
    if (m_port == 0)
        m_error = QStringLiteral("the Graph API recorder cannot listen on 127.0.0.1");
    return m_port != 0;
}

QUrl GraphRecorder::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

QUrl GraphRecorder::addMedia(const QString &mediaId, const QByteArray &mimeType, const QByteArray &bytes)
{
    m_media.insert(mediaId, Media{mimeType, bytes});
    return downloadUrl(mediaId);
}

QUrl GraphRecorder::downloadUrl(const QString &mediaId) const
{
    return QUrl(
        QStringLiteral("http://127.0.0.1:%1/whatsapp_business/attachments/?mid=%2").arg(m_port).arg(mediaId));
}

QList<RecordedRequest> GraphRecorder::requestsTo(const QByteArray &method, const QString &pathPattern) const
{
    const QRegularExpression pattern(QRegularExpression::anchoredPattern(pathPattern));
    QList<RecordedRequest> found;
    for (const RecordedRequest &request : m_requests) {
        if (request.method == method && pattern.match(request.path).hasMatch())
            found.append(request);
    }
    return found;
}

QList<RecordedRequest> GraphRecorder::sends() const
{
    return requestsTo("POST", QStringLiteral("/v[0-9.]+/%1/messages").arg(m_phoneNumberId));
}

QList<RecordedRequest> GraphRecorder::uploads() const
{
    return requestsTo("POST", QStringLiteral("/v[0-9.]+/%1/media").arg(m_phoneNumberId));
}

RecordedRequest GraphRecorder::awaitSend(qsizetype index, int timeoutMs)
{
    (void)QTest::qWaitFor([&] { return sends().size() > index; }, timeoutMs);
    return sends().value(index);
}

RecordedRequest GraphRecorder::awaitUpload(qsizetype index, int timeoutMs)
{
    (void)QTest::qWaitFor([&] { return uploads().size() > index; }, timeoutMs);
    return uploads().value(index);
}

QStringList GraphRecorder::uploadProblems(qsizetype index, const QByteArray &mimeType,
                                          const QString &filename, const QByteArray &bytes) const
{
    const RecordedRequest upload = uploads().value(index);
    QHash<QByteArray, FormPart> parts;
    for (const FormPart &part : formParts(upload))
        parts.insert(part.name, part);
    const FormPart file = parts.value("file");
    QStringList problems;
    if (upload.path != QStringLiteral("/v21.0/%1/media").arg(m_phoneNumberId))
        problems.append(QStringLiteral("not sent to /v21.0/{phone-number-id}/media"));
    if (!bearerIsRight(upload))
        problems.append(QStringLiteral("not sent with the phone's access token"));
    if (parts.value("messaging_product").body != "whatsapp")
        problems.append(QStringLiteral("no messaging_product=whatsapp part"));
    if (parts.value("type").body != mimeType)
        problems.append(QStringLiteral("no type part with the mime type"));
    if (file.body != bytes || file.contentType != mimeType || file.filename != filename.toUtf8())
        problems.append(QStringLiteral("the file part is not the bytes with Content-Type %1 and filename %2")
                            .arg(QString::fromLatin1(mimeType), filename));
    if (!problems.isEmpty())
        problems.append(QStringLiteral("sent: ") + upload.describe());
    return problems;
}

QJsonObject GraphRecorder::sample(const QString &name) const
{
    QFile file(QDir(m_samplesDir).filePath(QStringLiteral("graph/") + name));
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
}

bool GraphRecorder::bearerIsRight(const RecordedRequest &request) const
{
    return request.header("Authorization") == "Bearer " + m_accessToken.toUtf8();
}

QString GraphRecorder::newNumericId()
{
    return QString::number(m_nextId++);
}

void GraphRecorder::handle(const QHttpServerRequest &httpRequest, QHttpServerResponder &responder)
{
    RecordedRequest request{methodName(httpRequest.method()), httpRequest.url().path(),
                            QUrlQuery(httpRequest.url()), httpRequest.headers(), httpRequest.body()};
    m_requests.append(request);
    const auto error = [this, &responder](int code, const QString &message, Status status) {
        QJsonObject body = sample(QStringLiteral("error.answer.json"));
        QJsonObject inner = body.value(QLatin1String("error")).toObject();
        inner.insert(QStringLiteral("code"), code);
        inner.insert(QStringLiteral("message"), message);
        body.insert(QStringLiteral("error"), inner);
        responder.write(QJsonDocument(body), status);
    };

    if (request.method == "GET" && request.path.startsWith(QLatin1String("/whatsapp_business/attachments"))) {
        const QString mediaId = request.query.queryItemValue(QStringLiteral("mid"));
        if (!bearerIsRight(request) || !m_media.contains(mediaId))
            return responder.write(QByteArray(), QByteArrayLiteral("text/plain"), Status::NotFound);
        const Media &media = m_media[mediaId];
        return responder.write(media.bytes, media.mimeType, Status::Ok);
    }
    const QStringList segments = request.path.split(u'/', Qt::SkipEmptyParts);
    if (segments.size() < 2 || !segments.first().startsWith(u'v'))
        return error(100, QStringLiteral("Unknown path components: ") + request.path, Status::NotFound);
    const QString node = segments.at(1);
    const bool phonePost = request.method == "POST" && segments.size() == 3 && node == m_phoneNumberId;
    const bool send = phonePost && segments.at(2) == QLatin1String("messages");
    const bool upload = phonePost && segments.at(2) == QLatin1String("media");
    if (!bearerIsRight(request)) {
        if (send)
            m_sentWaIds.append(QString());
        if (upload)
            m_uploadIds.append(QString());
        return error(190, QStringLiteral("Invalid OAuth access token - Cannot parse access token"),
                     Status::Unauthorized);
    }
    if (request.method == "GET" && segments.size() == 2 && node == m_phoneNumberId) {
        QJsonObject answer = sample(QStringLiteral("phone-number.answer.json"));
        answer.insert(QStringLiteral("id"), m_phoneNumberId);
        return responder.write(QJsonDocument(answer), Status::Ok);
    }
    if (request.method == "GET" && segments.size() == 2 && m_media.contains(node)) {
        const Media &media = m_media[node];
        QJsonObject answer = sample(QStringLiteral("media-metadata.answer.json"));
        answer.insert(QStringLiteral("id"), node);
        answer.insert(QStringLiteral("url"), downloadUrl(node).toString());
        answer.insert(QStringLiteral("mime_type"), QString::fromLatin1(media.mimeType));
        answer.insert(
            QStringLiteral("sha256"),
            QString::fromLatin1(QCryptographicHash::hash(media.bytes, QCryptographicHash::Sha256).toHex()));
        answer.insert(QStringLiteral("file_size"), QString::number(media.bytes.size()));
        return responder.write(QJsonDocument(answer), Status::Ok);
    }
    if (send) {
        const QString to = request.json().value(QLatin1String("to")).toString();
        const QString waId =
            QStringLiteral("wamid.HBgL%1FQIAERgS%2")
                .arg(digitsOnly(to), QString::fromLatin1(newNumericId().toLatin1().toBase64()));
        m_sentWaIds.append(waId);
        QJsonObject answer = sample(QStringLiteral("send.answer.json"));
        QJsonObject contact = answer.value(QLatin1String("contacts")).toArray().first().toObject();
        contact.insert(QStringLiteral("input"), to);
        contact.insert(QStringLiteral("wa_id"), digitsOnly(to));
        QJsonObject message = answer.value(QLatin1String("messages")).toArray().first().toObject();
        message.insert(QStringLiteral("id"), waId);
        answer.insert(QStringLiteral("contacts"), QJsonArray{contact});
        answer.insert(QStringLiteral("messages"), QJsonArray{message});
        return responder.write(QJsonDocument(answer), Status::Ok);
    }
    if (upload) {
        for (const FormPart &part : formParts(request)) {
            if (part.name != "file")
                continue;
            const QString id = newNumericId();
            m_media.insert(id, Media{part.contentType, part.body});
            m_uploadIds.append(id);
            QJsonObject answer = sample(QStringLiteral("media-upload.answer.json"));
            answer.insert(QStringLiteral("id"), id);
            return responder.write(QJsonDocument(answer), Status::Ok);
        }
        m_uploadIds.append(QString());
        return error(100, QStringLiteral("The parameter file is required."), Status::BadRequest);
    }
    error(
        100,
        QStringLiteral("Unsupported %1 request. Object with ID '%2' does not exist, cannot be loaded due to "
                       "missing permissions, or does not support this operation.")
            .arg(QString::fromLatin1(request.method).toLower(), node),
        Status::BadRequest);
}

} // namespace handover::testing
