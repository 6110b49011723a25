#pragma once

#include <QByteArrayView>

namespace handover {

// The request methods the API routes on; anything else is Other (its token is kept on the request head).
enum class HttpMethod : quint8
{
    Get,
    Head,
    Post,
    Put,
    Patch,
    Delete,
    Options,
    Other
};

HttpMethod httpMethodFromToken(QByteArrayView token);
const char *httpMethodName(HttpMethod method);

} // namespace handover
