#!/usr/bin/env bash
# Make sure Debian's Chromium (driven by playwright-core at /usr/bin/chromium) and a CJK font are
# installed. Playwright's own browser download cannot work here (only the Debian mirrors and the
# npm registry are reachable), hence apt. Silent when nothing needs installing.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
pkgs=()

if [[ ! -x /usr/bin/chromium ]]; then
  # fonts-liberation: Latin metric-compatible fonts, normally pulled in only as a recommend.
  pkgs+=(chromium fonts-liberation fonts-wqy-microhei)
fi
# Without a CJK font every Chinese label renders as tofu boxes in screenshots.
if ! command -v fc-list >/dev/null || ! fc-list 2>/dev/null | grep -qi wqy; then
  pkgs+=(fontconfig fonts-wqy-microhei)
fi

[[ ${#pkgs[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
  echo "ensure-chromium: need root to install: ${pkgs[*]}" >&2
  exit 1
fi

# Dedupe (chromium missing and no font both add the font).
mapfile -t pkgs < <(printf '%s\n' "${pkgs[@]}" | sort -u)
echo "ensure-chromium: installing ${pkgs[*]}" >&2
log=$(mktemp /tmp/ensure-chromium.XXXXXX.log)
start=$SECONDS
# apt output is hundreds of lines; keep it out of CI logs unless something fails.
# Lists are refreshed first because a machine image's lists can point at superseded .debs (404).
# --no-install-recommends: skips mesa, upower, printer tools etc., which headless tests never use.
if ! { apt-get -o DPkg::Lock::Timeout=300 update -q &&
       apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${pkgs[@]}"; } >"$log" 2>&1; then
  tail -n 50 "$log" >&2
  echo "ensure-chromium: apt-get failed (full log: $log)" >&2
  exit 1
fi
rm -f "$log"

[[ -x /usr/bin/chromium ]] || { echo "ensure-chromium: /usr/bin/chromium still missing" >&2; exit 1; }
fc-list | grep -qi wqy || { echo "ensure-chromium: WenQuanYi font still missing" >&2; exit 1; }
echo "ensure-chromium: done in $((SECONDS - start))s: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium (version unknown)')" >&2
