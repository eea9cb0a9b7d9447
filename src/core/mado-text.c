/* mado-text.c: small questions about text that several parts of Madoguchi ask
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-text.h"

gboolean
mado_text_is_blank (const char *text)
{
  g_return_val_if_fail (text != NULL, TRUE);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}
