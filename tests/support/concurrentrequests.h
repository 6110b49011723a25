#pragma once

#include "tests/support/httpclient.h"

#include <QList>
#include <QUrl>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
class QNetworkReply;
QT_END_NAMESPACE

namespace handover::testing {

// One request of a batch sent at once.
struct RawRequest
{
    QUrl url = {};
    QByteArray body = {}; // JSON; sent as application/json when not empty
    QString token = {};   // Bearer token; empty for none
    HttpClient::Headers headers = {};
    QByteArray verb = QByteArrayLiteral("POST");
};

// Starts a request on `network` without waiting for its answer.
QNetworkReply *startRequest(QNetworkAccessManager &network, const RawRequest &request);
// What a finished reply answered.
HttpResult resultOf(QNetworkReply *reply);

// Sends every request, each on a connection of its own, before reading any answer, so that the server works
// on them at the same time (races, crash tests). The answers in the order of the requests; status 0 for those
// without one after timeoutMs.
QList<HttpResult> sendTogether(const QList<RawRequest> &requests, int timeoutMs = 30000);

} // namespace handover::testing
