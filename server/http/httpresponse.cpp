#include "server/http/httpresponse.h"

#include "core/json/apicodec.h"
#include "core/logging.h"

#include <QJsonDocument>
#include <QUuid>

namespace handover {

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    return text(status, QJsonDocument(object).toJson(QJsonDocument::Compact),
                QByteArrayLiteral("application/json"));
}

HttpResponse HttpResponse::error(const Error &error, const QString &requestId)
{
    // A bug's answer carries the request id, so the log line can be found from what the client saw.
    if (error.code == ErrorCode::Internal) {
        qCCritical(lcHttp).noquote() << requestId << error.description;
        return json(httpStatus(error.code), errorToJson(error, requestId));
    }
    return json(httpStatus(error.code), errorToJson(error));
}

HttpResponse HttpResponse::empty(int status)
{
    return text(status, {}, {});
}

HttpResponse HttpResponse::text(int status, QByteArray body, QByteArray contentType)
{
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    response.contentType = std::move(contentType);
    return response;
}

QByteArray randomRequestId()
{
    return "req_" + QUuid::createUuid().toString(QUuid::Id128).left(20).toLatin1();
}

const char *httpReasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 101:
        return "Switching Protocols";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 206:
        return "Partial Content";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 416:
        return "Range Not Satisfiable";
    case 422:
        return "Unprocessable Content";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        break;
    }
    return "Status";
}

QByteArray serializeHttpResponse(const HttpResponse &response, QByteArrayView requestId, bool closeAfter)
{
    QByteArray out;
    out.reserve(160 + response.body.size());
    out += "HTTP/1.1 ";
    out += QByteArray::number(response.status);
    out += ' ';
    out += httpReasonPhrase(response.status);
    out += "\r\nX-Request-Id: ";
    out += requestId;
    if (!response.contentType.isEmpty()) {
        out += "\r\nContent-Type: ";
        out += response.contentType;
    }
    for (const auto &[name, value] : response.headers) {
        out += "\r\n";
        out += name;
        out += ": ";
        out += value;
    }
    // 1xx, 204 and 304 answers have no body and no length (RFC 9110 §8.6).
    if (response.status >= 200 && response.status != 204 && response.status != 304) {
        out += "\r\nContent-Length: ";
        out += QByteArray::number(response.body.size());
    }
    if (closeAfter)
        out += "\r\nConnection: close";
    out += "\r\n\r\n";
    out += response.body;
    return out;
}

} // namespace handover
