"""The retention use case: raw files and clean rows past their retention deleted, values nothing holds any
more shredded, customers whose relationship ended listed or erased; a plan, the steps, the Prefect flow."""
