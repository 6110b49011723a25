#include "tests/support/concurrentrequests.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <algorithm>
#include <memory>

namespace handover::testing {

QNetworkReply *startRequest(QNetworkAccessManager &network, const RawRequest &request)
{
    QNetworkRequest r(request.url);
    r.setTransferTimeout(20000);
    if (!request.body.isEmpty())
        r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!request.token.isEmpty())
        r.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + request.token.toUtf8());
    for (const auto &[name, value] : request.headers)
        r.setRawHeader(name, value);
    return network.sendCustomRequest(r, request.verb, request.body);
}

HttpResult resultOf(QNetworkReply *reply)
{
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    if (reply->error() != QNetworkReply::NoError && result.status == 0)
        result.networkError = reply->errorString();
    return result;
}

QList<HttpResult> sendTogether(const QList<RawRequest> &requests, int timeoutMs)
{
    std::vector<std::unique_ptr<QNetworkAccessManager>> networks;
    QList<QNetworkReply *> replies;
    for (const RawRequest &request : requests) {
        networks.push_back(std::make_unique<QNetworkAccessManager>());
        replies.append(startRequest(*networks.back(), request));
    }
    (void)QTest::qWaitFor(
        [&] {
            return std::all_of(replies.cbegin(), replies.cend(),
                               [](QNetworkReply *r) { return r->isFinished(); });
        },
        timeoutMs);
    QList<HttpResult> results;
    for (QNetworkReply *reply : std::as_const(replies)) {
        results.append(resultOf(reply));
        if (!reply->isFinished())
            results.last().networkError = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
        reply->abort();
        reply->deleteLater();
    }
    return results;
}

} // namespace handover::testing
