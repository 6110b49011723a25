#include "server/http/httpmethod.h"

namespace handover {

HttpMethod httpMethodFromToken(QByteArrayView token)
{
    // Methods are case-sensitive (RFC 9110 §9.1): "get" is another method, not GET.
    switch (token.size()) {
    case 3:
        if (token == "GET")
            return HttpMethod::Get;
        if (token == "PUT")
            return HttpMethod::Put;
        break;
    case 4:
        if (token == "POST")
            return HttpMethod::Post;
        if (token == "HEAD")
            return HttpMethod::Head;
        break;
    case 5:
        if (token == "PATCH")
            return HttpMethod::Patch;
        break;
    case 6:
        if (token == "DELETE")
            return HttpMethod::Delete;
        break;
    case 7:
        if (token == "OPTIONS")
            return HttpMethod::Options;
        break;
    default:
        break;
    }
    return HttpMethod::Other;
}

const char *httpMethodName(HttpMethod method)
{
    switch (method) {
    case HttpMethod::Get:
        return "GET";
    case HttpMethod::Head:
        return "HEAD";
    case HttpMethod::Post:
        return "POST";
    case HttpMethod::Put:
        return "PUT";
    case HttpMethod::Patch:
        return "PATCH";
    case HttpMethod::Delete:
        return "DELETE";
    case HttpMethod::Options:
        return "OPTIONS";
    case HttpMethod::Other:
        break;
    }
    return "OTHER";
}

} // namespace handover
