# syntax=docker/dockerfile:1.10
# Lint fixture: the `cc` toolchain Dockerfile as generation wrote it before packages were
# pinned, plus a second install using an apt option. Every rule passes except the pins:
# generate-lint.test.ts expects exactly one problem per unpinned package word.

FROM docker.io/library/debian:bookworm-20250630-slim@sha256:6ac2c08566499cc2415926653cf2ed7c3aedac445675a013cc09469c9e118fdd AS toolchain
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential=12.9 \
      curl \
      'ca-certificates' \
      make= \
      gcc=latest \
      'libtool=2.4.7-7~deb12u1' \
 && rm -rf /var/lib/apt/lists/*
RUN apt-get update \
 && apt-get install -y --no-install-recommends -o Dpkg::Options::=--force-confold xz-utils \
 && rm -rf /var/lib/apt/lists/*
RUN cc --version
LABEL online.librecloud.lamina.class="toolchain" \
      online.librecloud.lamina.fingerprint="0000000000000000000000000000000000000000000000000000000000000000" \
      online.librecloud.lamina.layer="cc" \
      org.opencontainers.image.title="cc" \
      org.opencontainers.image.version="12.2.0-bookworm"
