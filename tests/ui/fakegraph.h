#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QUrl>
#include <memory>

class QHttpServer;

namespace handover::testing {

// Meta's Graph API as far as the server uses it for files and sends, on loopback, for the console's tests and
// benchmarks of media without the simulator: a customer's file announced by its media id (GET /v21.0/{id}
// answers its download URL, type, size and hash, the URL its bytes), and the business's sends (POST
// /v21.0/{phone}/messages answers a wamid, /media an id). Tokens are not checked.
class FakeGraph : public QObject
{
    Q_OBJECT

public:
    explicit FakeGraph(QObject *parent = nullptr);
    ~FakeGraph() override;

    bool listen(); // on 127.0.0.1, any free port
    QUrl url() const;

    // A file a customer sends: its media id, as Meta's webhook names it.
    QString addMedia(const QByteArray &bytes, const QString &mimeType);
    // How many times a file's bytes were downloaded.
    int downloads() const { return m_downloads; }

private:
    struct File
    {
        QByteArray bytes;
        QString mimeType;
    };

    std::unique_ptr<QHttpServer> m_http;
    quint16 m_port = 0;
    QHash<QString, File> m_files;
    int m_downloads = 0;
    int m_sends = 0;
};

} // namespace handover::testing
