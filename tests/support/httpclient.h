#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QUrl>

#include <memory>

namespace handover::testing {

struct HttpResult
{
    int status = 0; // 0: no HTTP answer (connection refused, timeout)
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString networkError;

    QJsonObject json() const;
    QJsonArray array(const QString &key) const { return json().value(key).toArray(); }
    QString string(const QString &key) const { return json().value(key).toString(); }
    int errorCode() const { return json().value(QLatin1String("error_code")).toInt(); }
    QByteArray header(const QByteArray &name) const;
};

// A blocking HTTP client for tests (copies share one connection pool): each call runs a local event loop until the answer (or a timeout) arrives.
class HttpClient
{
public:
    explicit HttpClient(QUrl base = {}) : m_base(std::move(base)) {}
    void setBase(const QUrl &base) { m_base = base; }
    void setToken(const QString &token) { m_token = token; }
    const QString &token() const { return m_token; }

    using Headers = QList<QPair<QByteArray, QByteArray>>;
    HttpResult get(const QString &pathAndQuery, const Headers &headers = {});
    HttpResult post(const QString &pathAndQuery, const QJsonObject &body, const Headers &headers = {});
    HttpResult postRaw(const QString &pathAndQuery, const QByteArray &body, const Headers &headers = {});
    HttpResult put(const QString &pathAndQuery, const QJsonObject &body, const Headers &headers = {});
    HttpResult del(const QString &pathAndQuery, const Headers &headers = {});
    HttpResult send(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body,
                    const Headers &headers = {});

private:
    QUrl m_base;
    QString m_token;
    std::shared_ptr<QNetworkAccessManager> m_network = std::make_shared<QNetworkAccessManager>();
};

} // namespace handover::testing
