# Written for Poolsmith's tests: two pools in one file, and a data source of the same type.
resource "aws_cognito_user_pool" "customers" {
  name = "customers"
}

data "aws_cognito_user_pool" "existing" {
  user_pool_id = "eu-west-1_abc"
}

resource "aws_cognito_user_pool" "staff" {
  name              = "staff"
  mfa_configuration = "ON"

  software_token_mfa_configuration {
    enabled = true
  }
}
