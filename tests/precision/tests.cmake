# Precision over every fixture folder: each finding in expected.json is
# reviewed by hand in expected.review (true or false); at least 0.95 true.
add_test(NAME precision.fixtures
         COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/precision.py ${PROJECT_SOURCE_DIR}/fixtures 0.95)
