/* web_assets.h — web/ compiled into the binary by tools/embed.c (see asset.h). */
#ifndef JIXIAO_WEB_ASSETS_H
#define JIXIAO_WEB_ASSETS_H

#include "jixiao/asset.h"

extern const struct jx_asset jx_assets_web[];

#endif
