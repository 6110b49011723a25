#include "app/console/localmode/orgapi.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

namespace handover::console {

QString OrgApiAnswer::describe() const
{
    if (status == 0)
        return QStringLiteral("no answer: ") + networkError;
    return QStringLiteral("HTTP %1 %2")
        .arg(status)
        .arg(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact).left(300)));
}

OrgApi::OrgApi(QUrl serverUrl, QString apiKey, QString orgId, QObject *parent)
    : QObject(parent)
    , m_serverUrl(std::move(serverUrl))
    , m_apiKey(std::move(apiKey))
    , m_orgId(std::move(orgId))
{}

QString OrgApi::orgsPath(const QString &rest) const
{
    return QStringLiteral("/v1/orgs/") + m_orgId + rest;
}

QString OrgApi::orgPath(const QString &rest) const
{
    return QStringLiteral("/v1/org/") + m_orgId + rest;
}

void OrgApi::call(const QByteArray &verb, const QString &pathAndQuery, const QJsonObject &body,
                  const QObject *context, Done done)
{
    QUrl url = m_serverUrl;
    const qsizetype query = pathAndQuery.indexOf(QLatin1Char('?'));
    url.setPath(pathAndQuery.left(query));
    if (query >= 0)
        url.setQuery(pathAndQuery.mid(query + 1));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_apiKey.toUtf8());
    request.setTransferTimeout(30000);
    QByteArray bytes;
    if (verb != "GET" && verb != "DELETE") {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, bytes);
    QPointer<const QObject> guard(context);
    connect(reply, &QNetworkReply::finished, this, [reply, guard, done = std::move(done)] {
        reply->deleteLater();
        if (!guard)
            return;
        OrgApiAnswer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (answer.status == 0)
            answer.networkError = reply->errorString();
        answer.json = QJsonDocument::fromJson(reply->readAll()).object();
        done(answer);
    });
}

OrgApiAnswer OrgApi::callAndWait(const QByteArray &verb, const QString &pathAndQuery, const QJsonObject &body,
                                 int timeoutMs)
{
    QEventLoop loop;
    OrgApiAnswer answer;
    answer.networkError = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
    bool answered = false;
    call(verb, pathAndQuery, body, &loop, [&](const OrgApiAnswer &a) {
        answer = a;
        answered = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!answered)
        loop.exec();
    return answer;
}

} // namespace handover::console
