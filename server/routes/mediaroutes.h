#pragma once

#include "server/routes/routecontext.h"

namespace handover {

class MediaStore;

// GET /v1/orgs/{orgId}/media/{mediaId}: the bytes of a message's file (ETag, Range, ?variant=thumb), for
// callers who may see its chatroom; anyone else gets 404, as for an id that does not exist. POST
// /v1/orgs/{orgId}/media: an agent's upload, up to WhatsApp's size for its type.
void addMediaRoutes(Router &router, RouteContext &ctx, const MediaStore &files);

// The body limit of an upload's head (HttpLimits::largeBodyLimit): WhatsApp's size for its media type; 0 for
// any other request, which keeps the usual limit.
qint64 mediaUploadBodyLimit(const HttpHead &head);

} // namespace handover
