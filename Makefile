# Thin wrappers around run.py, which needs only python3 (make is optional).
.PHONY: pack test lab notebooks bench
pack:
	python3 run.py pack
test:
	python3 run.py test
lab:
	python3 run.py lab
notebooks:
	python3 run.py notebooks
bench:
	python3 run.py bench
