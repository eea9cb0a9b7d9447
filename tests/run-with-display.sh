#!/bin/sh
# Runs a test inside its own X server (Xvfb) and D-Bus session, as a kiosk without a desktop would.
exec xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24 -nolisten tcp" \
  dbus-run-session -- "$@"
