#include "tests/ui/fakegraph.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace handover::testing {

namespace {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponse::StatusCode;

QHttpServerResponse metaError(const QString &message)
{
    return QHttpServerResponse(
        QJsonObject{
            {QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), message},
                                                  {QStringLiteral("type"), QStringLiteral("OAuthException")},
                                                  {QStringLiteral("code"), 100}}}},
        Status::NotFound);
}

} // namespace

FakeGraph::FakeGraph(QObject *parent)
    : QObject(parent)
    , m_http(std::make_unique<QHttpServer>())
{
    m_http->route(QStringLiteral("/files/<arg>"), Method::Get, [this](const QString &id) {
        const auto file = m_files.constFind(id);
        if (file == m_files.cend())
            return metaError(QStringLiteral("No such file."));
        ++m_downloads;
        return QHttpServerResponse(file->mimeType.toUtf8(), file->bytes);
    });
    m_http->route(QStringLiteral("/<arg>/<arg>"), Method::Get, [this](const QString &, const QString &id) {
        const auto file = m_files.constFind(id);
        if (file == m_files.cend())
            return metaError(QStringLiteral("Unsupported get request."));
        return QHttpServerResponse(QJsonObject{
            {QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
            {QStringLiteral("url"), QString(url().toString() + QStringLiteral("/files/") + id)},
            {QStringLiteral("mime_type"), file->mimeType},
            {QStringLiteral("sha256"),
             QString::fromLatin1(QCryptographicHash::hash(file->bytes, QCryptographicHash::Sha256).toHex())},
            {QStringLiteral("file_size"), QString::number(file->bytes.size())},
            {QStringLiteral("id"), id}});
    });
    m_http->route(
        QStringLiteral("/<arg>/<arg>/messages"), Method::Post, [this](const QString &, const QString &) {
            const QString wamid = QStringLiteral("wamid.fake-%1").arg(++m_sends);
            return QHttpServerResponse(QJsonObject{
                {QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
                {QStringLiteral("messages"), QJsonArray{QJsonObject{{QStringLiteral("id"), wamid}}}}});
        });
    m_http->route(QStringLiteral("/<arg>/<arg>/media"), Method::Post,
                  [this](const QString &, const QString &) {
                      return QHttpServerResponse(
                          QJsonObject{{QStringLiteral("id"), QStringLiteral("up-%1").arg(++m_sends)}});
                  });
}

FakeGraph::~FakeGraph() = default;

bool FakeGraph::listen()
{
    m_port = m_http->listen(QHostAddress::LocalHost, 0);
    return m_port != 0;
}

QUrl FakeGraph::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

QString FakeGraph::addMedia(const QByteArray &bytes, const QString &mimeType)
{
    const QString id = QStringLiteral("%1").arg(1000000000000000LL + m_files.size() + 1);
    m_files.insert(id, File{bytes, mimeType});
    return id;
}

} // namespace handover::testing
