/* Terraform 0.11 style: every expression in quotes */
resource "aws_cognito_user_pool" "_" {
  name = "${var.namespace}"

  alias_attributes = [
    "email",
    "preferred_username",
  ]

  lambda_config {
    pre_sign_up = "${aws_lambda_function._.arn}"
  }

  lifecycle {
    ignore_changes = ["schema"]
  }
}

// the client
resource "aws_cognito_user_pool_client" "_" {
  name         = "${var.namespace}"
  user_pool_id = "${aws_cognito_user_pool._.id}"
}
