#!/bin/sh
# On the offline GPU server, from the folder that holds .gpurun/ (GPU-RUN.md). Untested on a real GPU so far.
set -eu
G=${G:-.gpurun}
unxz() { if command -v xz >/dev/null; then xz -dc "$1" > "$2"; else python3 -c "import lzma,shutil,sys;shutil.copyfileobj(lzma.open(sys.argv[1]),open(sys.argv[2],'wb'))" "$1" "$2"; fi; }
for f in "$G"/*.deb; do [ -e "$f" ] && dpkg -x "$f" /; done; ldconfig 2>/dev/null || true
: "${VK_DRIVER_FILES:=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json}"; export VK_DRIVER_FILES
[ -x /tmp/node ] || { unxz "$G/node.xz" /tmp/node; chmod +x /tmp/node; }
mkdir -p /tmp/dawn; [ -f /tmp/dawn/dawn.node ] || unxz "$G/dawn.node.xz" /tmp/dawn/dawn.node
export GOLDENRULE_DAWN_NODE=/tmp/dawn/dawn.node
/tmp/node "$G/gpu-bench.mjs" --require-hardware "$@"
