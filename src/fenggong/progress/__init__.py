"""Progress after a plan is issued: reports and deadlines kept in a store beside the plan."""
