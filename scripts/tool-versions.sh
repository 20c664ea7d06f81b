# Pinned tool versions, sourced by the other scripts. Change here and nowhere else.
# Temporal CLI v1.9.x cannot be `go install`ed from the module proxy (its go.mod has a
# `replace ./cliext` directive pointing at a nested module the proxy does not serve), so v1.5.1 is
# the newest CLI that builds here: dev server (Temporal server 1.29.1) + Web UI (ui-server 2.42.1).
TEMPORAL_CLI_VERSION="v1.5.1"
TEMPORAL_TEST_SERVER_VERSION="1.38.0"
CASC_TOOLS_DIR="${CASC_TOOLS_DIR:-$HOME/.cache/casc-induction}"
TEMPORAL_CLI_BIN="$CASC_TOOLS_DIR/temporal-cli-$TEMPORAL_CLI_VERSION/temporal"
TEMPORAL_TEST_SERVER_LAUNCHER_HASH="$(sha256sum "$(dirname "${BASH_SOURCE[0]}")/java/CascTestServer.java" | cut -c1-8)"
TEMPORAL_TEST_SERVER_BIN="$CASC_TOOLS_DIR/temporal-test-server-$TEMPORAL_TEST_SERVER_VERSION-$TEMPORAL_TEST_SERVER_LAUNCHER_HASH/temporal-test-server"
# moto in server mode: local DynamoDB / Secrets Manager / SNS / SQS / KMS for the tests and `npm start`.
MOTO_VERSION="5.2.5"
MOTO_VENV="$CASC_TOOLS_DIR/moto-venv-$MOTO_VERSION"
MOTO_SERVER_BIN="$MOTO_VENV/bin/moto_server"
