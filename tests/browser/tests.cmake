# Headless Chromium opens the seed pair's HTML report and a report on hostile
# sources (tests/browser/hostile/): right-to-left layout of the Persian text,
# the filters, and no script from a source. Fails (does not skip) when
# chromium is missing: scripts/setup installs it.
add_test(NAME browser.html_report
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/browser_test.sh $<TARGET_FILE:concord> ${PROJECT_SOURCE_DIR})
set_tests_properties(browser.html_report PROPERTIES TIMEOUT 180)
