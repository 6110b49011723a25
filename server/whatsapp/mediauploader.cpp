#include "server/whatsapp/mediauploader.h"

#include "server/whatsapp/metaoutbound.h"

#include <QFile>
#include <QHttpMultiPart>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>

namespace handover {

namespace {

QHttpPart formField(const QByteArray &name, const QByteArray &value)
{
    QHttpPart part;
    part.setHeader(QNetworkRequest::ContentDispositionHeader, QByteArray("form-data; name=\"" + name + '"'));
    part.setBody(value);
    return part;
}

// A filename inside a quoted header parameter: quotes, backslashes and line breaks would end it early.
QByteArray quotedFilename(const QString &filename)
{
    QByteArray name = filename.isEmpty() ? QByteArrayLiteral("file") : filename.toUtf8();
    for (char &c : name) {
        if (c == '"' || c == '\\' || c == '\r' || c == '\n')
            c = '_';
    }
    return name;
}

} // namespace

MediaUploader::MediaUploader(QUrl graphUrl, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_graphUrl(std::move(graphUrl))
    , m_timeoutMs(timeoutMs)
{
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

void MediaUploader::upload(const Upload &upload, Done done)
{
    auto *file = new QFile(upload.path);
    if (!file->open(QIODevice::ReadOnly)) {
        delete file;
        done(Error::make(ErrorCode::Internal,
                         QStringLiteral("The stored file %1 cannot be read.").arg(upload.path)),
             false);
        return;
    }
    auto *multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    multipart->append(formField("messaging_product", "whatsapp"));
    multipart->append(formField("type", upload.mimeType.toUtf8()));
    QHttpPart filePart;
    filePart.setHeader(QNetworkRequest::ContentTypeHeader, upload.mimeType.toUtf8());
    filePart.setHeader(
        QNetworkRequest::ContentDispositionHeader,
        QByteArray("form-data; name=\"file\"; filename=\"" + quotedFilename(upload.filename) + '"'));
    filePart.setBodyDevice(file);
    file->setParent(multipart);
    multipart->append(filePart);

    QUrl url = m_graphUrl;
    url.setPath(url.path() + QStringLiteral("/v21.0/") + upload.remotePhoneId + QStringLiteral("/media"));
    QNetworkRequest request(url);
    request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + upload.token.toUtf8());
    request.setTransferTimeout(m_timeoutMs);
    QNetworkReply *reply = m_network.post(request, multipart);
    multipart->setParent(reply);
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->readAll();
        const QString id = QJsonDocument::fromJson(answer).object().value(QLatin1String("id")).toString();
        if (status >= 200 && status < 300 && !id.isEmpty()) {
            done(id, false);
            return;
        }
        const bool permanent =
            status >= 400 && status < 500 && status != 429 && status != 401 && status != 403;
        done(Error::make(ErrorCode::Internal, status ? metaErrorText(answer, status) : reply->errorString()),
             permanent);
    });
}

} // namespace handover
