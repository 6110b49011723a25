#pragma once

#include "core/result.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace handover {

// The decoded query of a request (application/x-www-form-urlencoded: "+" is a space, %XX a byte, UTF-8). A
// name given twice is refused when parsed, so every value here is unambiguous.
class QueryParams
{
public:
    bool has(const QString &name) const;
    QString value(const QString &name) const; // empty when absent
    bool isEmpty() const { return m_items.isEmpty(); }
    // A canonical spelling (names sorted, values encoded), for hashing a request.
    QByteArray canonical() const;

    static Result<QueryParams> parse(QByteArrayView query);

private:
    QList<QPair<QString, QString>> m_items;
};

// A request target in its one canonical form: an absolute path of non-empty segments, each decoded. A path
// that is not canonical ("/metrics/", "//metrics", "/a/./b", "/metrics%2f") names no resource and is refused
// rather than normalised, so every resource has exactly one spelling and the checks bound to it cannot be
// dodged by another.
struct RequestTarget
{
    QString path;         // "/v1/orgs/x/chatrooms"
    QStringList segments; // {"v1", "orgs", "x", "chatrooms"}
    QueryParams query;
};

// Not canonical: NotFound. Malformed escapes or query: BadRequest naming "query" where it applies.
Result<RequestTarget> parseRequestTarget(QByteArrayView target);

} // namespace handover
