#pragma once

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QString>
#include <QUrl>
#include <functional>

namespace handover::console {

// One answer of the demo org's HTTP API.
struct OrgApiAnswer
{
    int status = 0; // 0: no HTTP answer
    QJsonObject json;
    QString networkError;

    bool is(int expected) const { return status == expected; }
    QString string(const QString &key) const { return json.value(key).toString(); }
    QString describe() const; // "HTTP 409 {...}" or "no answer: ..." for error messages
};

// Local mode talks to its own server as an automation (a CRM) would: with the org's ADMIN API key over
// HTTP. Calls are answered once through a callback that never reaches a context that is gone.
class OrgApi final : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const OrgApiAnswer &)>;

    OrgApi(QUrl serverUrl, QString apiKey, QString orgId, QObject *parent = nullptr);

    const QString &orgId() const { return m_orgId; }
    // "/v1/orgs/<org>" + rest, and the same with the singular "org" some paths use (API.md).
    QString orgsPath(const QString &rest) const;
    QString orgPath(const QString &rest) const;

    void call(const QByteArray &verb, const QString &pathAndQuery, const QJsonObject &body,
              const QObject *context, Done done);
    // The same, waiting in a local event loop: only for setting the org up, before any window exists.
    OrgApiAnswer callAndWait(const QByteArray &verb, const QString &pathAndQuery, const QJsonObject &body,
                             int timeoutMs = 30000);

private:
    QUrl m_serverUrl;
    QString m_apiKey;
    QString m_orgId;
    QNetworkAccessManager m_network;
};

} // namespace handover::console
