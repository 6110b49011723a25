#pragma once

#include "core/result.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>
#include <functional>

namespace handover {

// Uploads a file to the Cloud API (POST {graph}/v21.0/{phone-number-id}/media, multipart/form-data with
// messaging_product, type and file, as Meta documents it) and hands back Meta's media id.
class MediaUploader : public QObject
{
    Q_OBJECT
public:
    struct Upload
    {
        QString remotePhoneId;
        QString token;
        QString path; // the stored file
        QString mimeType;
        QString filename;
    };
    using Done = std::function<void(const Result<QString> &waMediaId, bool permanent)>;

    MediaUploader(QUrl graphUrl, int timeoutMs, QObject *parent = nullptr);
    void upload(const Upload &upload, Done done);

private:
    QUrl m_graphUrl;
    int m_timeoutMs;
    QNetworkAccessManager m_network;
};

} // namespace handover
