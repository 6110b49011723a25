#pragma once

// multipart/form-data (RFC 7578 over RFC 2046's multipart syntax), read as a pure function: the simulator's
// POST /{phone_number_id}/media upload takes its file this way, as Meta's does.

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace handover::sim {

// One part of a form: a field (`messaging_product=whatsapp`) or a file (with filename and Content-Type).
struct FormPart
{
    QString name;     // Content-Disposition's name
    QString filename; // Content-Disposition's filename (or filename*), empty for plain fields
    bool hasFilename = false;
    QByteArray contentType; // the part's Content-Type, empty when it has none
    QByteArray data;
    friend bool operator==(const FormPart &, const FormPart &) = default;
};

struct MultipartLimits
{
    qint64 maxBodyBytes = 110 * 1024 * 1024; // a 100 MB document and room for the other parts
    int maxParts = 16;
    qsizetype maxPartHeaderBytes = 8 * 1024;
};

// The boundary parameter of a Content-Type such as `multipart/form-data; boundary="abc"`, or an empty array
// when the type is not multipart/form-data or names no valid boundary (1 to 70 characters, RFC 2046).
QByteArray multipartBoundary(const QByteArray &contentType);

// Splits body into its parts. Errors (BadRequest, or PayloadTooLarge over the limit) name what is wrong: no
// boundary, no opening or closing delimiter (truncated), a part without a name, too many parts, headers too
// long.
Result<QList<FormPart>> parseMultipartFormData(const QByteArray &contentType, const QByteArray &body,
                                               const MultipartLimits &limits = {});

// The first part called name, or nullptr.
const FormPart *findFormPart(const QList<FormPart> &parts, const QString &name);

} // namespace handover::sim
