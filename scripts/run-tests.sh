#!/usr/bin/env bash
# Run the whole AME test suite (every add-on's tests and tests/) with pytest.
# SQLite by default; AME_DB_URI=postgresql://user@host:port/ runs it on
# PostgreSQL. Extra arguments go to pytest (e.g. addons/ame_permission -k scope).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${VENV:-.venv}

export TRYTOND_DATABASE_URI=${AME_DB_URI:-sqlite://}
case "$TRYTOND_DATABASE_URI" in
    sqlite*) backend=sqlite ;;
    postgresql*) backend=postgresql ;;
    *) echo "AME_DB_URI must be sqlite:// or postgresql://..." >&2; exit 2 ;;
esac
unset TRYTOND_CONFIG

# Tryton keys its database cache on the module list only; key the cache
# folder on the add-ons' content and the installed packages too, so that a
# changed field or a new release never restores a stale schema.
# Scenarios and test cases do not shape the cached databases; set-up
# functions (tests/tools.py) do.
key=$( (find addons -type f ! -path '*/__pycache__/*' \
        ! -path '*/tests/scenario_*' ! -path '*/tests/test_*' -print0 \
        | sort -z \
        | xargs -0 sha1sum; "$venv/bin/pip" freeze --exclude-editable) \
    | sha1sum | cut -c1-16)
cache_root=var/test-cache
mkdir -p "$cache_root/$backend-$key"
find "$cache_root" -mindepth 1 -maxdepth 1 -name "$backend-*" \
    ! -name "$backend-$key" -exec rm -rf {} +
if [ "$backend" = postgresql ]; then
    # Template databases: a copy is much faster than pg_restore. Tryton
    # names them test-<hash of the modules>, so when the key changes the
    # stale ones are dropped (the folder above only marks the key).
    if [ ! -e "$cache_root/$backend-$key/.templates" ]; then
        "$venv/bin/python" scripts/drop-test-databases.py
        touch "$cache_root/$backend-$key/.templates"
    fi
    export DB_CACHE=postgresql://
    # A test database outlives no crash: its commits need not wait for the
    # disk (2 ms each here, for the thousands a scenario makes)
    export PGOPTIONS="${PGOPTIONS:-} -c synchronous_commit=off"
else
    export DB_CACHE="$PWD/$cache_root/$backend-$key"
fi

# pytest's exit status 5 (nothing collected) must not pass.
run_pytest() {
    local status=0
    "$venv/bin/python" -m pytest --durations=25 "$@" || status=$?
    if [ "$status" -eq 5 ]; then
        echo "run-tests: no test was collected; refusing to pass" >&2
        status=1
    fi
    return "$status"
}

if [ $# -gt 0 ]; then
    run_pytest "$@"
    exit
fi

# The whole suite in two processes, one per core: a test process waits on
# its database half of the time. Each part has its own test database and
# takes about as long as the other (the JUnit reports in var/test-logs give
# each test's time, to keep them so). The first: ame_base, ame_organisation
# and ame_crm (three module sets to activate), then the modules of the whole
# product's module set (ame_base.tests.tools PRODUCT_MODULES: ame_market,
# ame_partner, ame_price_strategy) and the tests of tests/ on it. The
# second: the other add-ons and the rest of tests/, the tenants made by the
# ame command (the demo, shared by the security suite, the browser tests
# and those of the ame command itself, and the tenant served as
# docs/deploy.md says), Tryton's scenarios on the whole product's module
# set, by then made by the first process, and last ame_selection on it.
product="tests/test_translations.py tests/test_views.py"
first_addons="ame_base ame_organisation ame_crm ame_market ame_partner ame_price_strategy"
last_addons="ame_selection"
first="$(printf 'addons/%s ' $first_addons)$product"
others=$(find addons -mindepth 1 -maxdepth 1 -type d \
    $(printf -- '! -name %s ' $first_addons $last_addons) \
    | sort | tr '\n' ' ')
last=$(printf 'addons/%s ' $last_addons)
ignored=$(for t in $product; do printf -- '--ignore=%s ' "$t"; done)
parts=("$first" "${others}tests ${last}$ignored")
logs=var/test-logs
rm -rf "$logs" && mkdir -p "$logs"
pids=()
for i in "${!parts[@]}"; do
    (
        if [ "$backend" = postgresql ]; then
            export DB_NAME="ame_test_$i"
            "$venv/bin/python" scripts/drop-test-databases.py "$DB_NAME"
        fi
        # shellcheck disable=SC2086
        run_pytest --junitxml="$logs/part-$i.xml" ${parts[$i]} \
            >"$logs/part-$i.log" 2>&1
    ) &
    pids+=($!)
    echo "run-tests: ${parts[$i]} (log: $logs/part-$i.log)"
done
status=0
for i in "${!parts[@]}"; do
    wait "${pids[$i]}" || status=1
    echo "==================== ${parts[$i]} ===================="
    cat "$logs/part-$i.log"
done
exit "$status"
